package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far the supervisor may scale one service on its own ({@code up --autoscale inventory-service=1..3}):
 * never fewer than {@code min} instances, never more than {@code max}. What makes it scale is the
 * autoscaler's (docs/patterns/auto-scaling.md); this is only the bounds a user gave.
 */
public record AutoscaleRule(String service, int min, int max) {

    private static final Pattern SHAPE = Pattern.compile("([a-z-]+)=(\\d)\\.\\.(\\d)");

    public AutoscaleRule {
        Component c = Stack.withPortOffset(0).component(service);
        if (c.kind() != Kind.SERVICE) {
            throw new PlaygroundException("Only a service can scale on its own, not " + service + ".", PlaygroundException.USAGE);
        }
        if (min < 1 || max > Stack.MAX_INSTANCES || min > max) {
            throw new PlaygroundException("--autoscale takes MIN..MAX with 1 <= MIN <= MAX <= " + Stack.MAX_INSTANCES
                    + ", not " + min + ".." + max + ".", PlaygroundException.USAGE);
        }
    }

    /** {@code inventory-service=1..3[,payment-service=1..2]}; {@code off} for none. Refused, never guessed at. */
    public static List<AutoscaleRule> parse(String text) {
        if (text.trim().equals("off")) {
            return List.of();
        }
        List<AutoscaleRule> rules = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = SHAPE.matcher(part.trim());
            if (!m.matches()) {
                throw new PlaygroundException("--autoscale takes SERVICE=MIN..MAX[,SERVICE=MIN..MAX] or off, e.g."
                        + " inventory-service=1..3, not '" + part.trim() + "'.", PlaygroundException.USAGE);
            }
            AutoscaleRule rule = new AutoscaleRule(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (rules.stream().anyMatch(r -> r.service().equals(rule.service()))) {
                throw new PlaygroundException("--autoscale names " + rule.service() + " twice.", PlaygroundException.USAGE);
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /** The count this rule allows that is nearest to {@code instances}. */
    public int bounded(int instances) {
        return Math.max(min, Math.min(max, instances));
    }

    @Override
    public String toString() {
        return service + "=" + min + ".." + max;
    }
}
