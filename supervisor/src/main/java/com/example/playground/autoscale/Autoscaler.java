package com.example.playground.autoscale;

import com.example.playground.autoscale.ScalingPolicy.Decision;
import com.example.playground.autoscale.ScalingPolicy.Reading;
import com.example.playground.supervisor.AutoscaleRule;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Scales services out and in on their own, within the rules of {@code up --autoscale}: once a second
 * it reads each ruled service's consumer lag (Kafka's admin client, through {@link Partitions}), asks
 * the {@link ScalingPolicy}, and on a step makes the stack one instance larger or smaller with the
 * supervisor's own {@code up}: a new instance starts, registers with Eureka and joins the consumer
 * group; the last one stops cleanly (SIGTERM: it deregisters and leaves the group). The first
 * instance is never the one stopped. The control room runs it, since it runs as long as the stack.
 */
public final class Autoscaler {

    /** A step taken: when it was decided, on what, and when the stack was that size (or why not). */
    record Step(Instant decided, String service, int from, int to, String why, Instant done, String failure) {
    }

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration KEPT = Duration.ofSeconds(60);

    private final Supplier<Supervisor> supervisor;
    private final Consumer<String> log;
    private final Partitions partitions = new Partitions();
    private final Map<String, List<Reading>> readings = new HashMap<>();
    private final Map<String, Instant> lastStep = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private volatile Map<String, Object> view = Map.of("tick", Instant.EPOCH.toString(), "rules", List.of(),
            "acting", false, "services", Map.of(), "steps", List.of());

    public Autoscaler(Supplier<Supervisor> supervisor, Consumer<String> log) {
        this.supervisor = supervisor;
        this.log = log;
    }

    /** One reading of every ruled service and, where the policy says so, one step; called once a second. */
    public void tick() {
        Instant started = Instant.now();
        Supervisor stack = supervisor.get();
        List<AutoscaleRule> rules = stack.autoscaleRules();
        readings.keySet().removeIf(service -> rules.stream().noneMatch(r -> r.service().equals(service)));
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Partitions.Topic> topics = rules.isEmpty() ? Map.of() : partitions.read(stack);
        Decision stepping = null;
        String stepped = null;
        int from = 0;
        for (AutoscaleRule rule : rules) {
            int instances = stack.stack().instancesOf(rule.service());
            OptionalLong lag = Partitions.lagOf(topics, rule.service());
            List<Reading> kept = readings.computeIfAbsent(rule.service(), s -> new ArrayList<>());
            Instant now = Instant.now();
            if (lag.isPresent()) {
                kept.add(new Reading(now, lag.getAsLong()));
                kept.removeIf(r -> r.at().isBefore(now.minus(KEPT)));
            } else {
                kept.clear(); // no signal, no step
            }
            services.put(rule.service(), Map.of("instances", instances, "lag", lag.isPresent() ? lag.getAsLong() : -1));
            Decision decision = ScalingPolicy.decide(rule, instances, kept, now, lastStep.get(rule.service()));
            if (stepping == null && decision.instances() != instances) {
                stepping = decision;
                stepped = rule.service();
                from = instances;
            }
        }
        if (stepping != null) {
            step(stack, stepped, from, stepping, services, started);
        }
        publish(rules, services, null, started);
    }

    private void step(Supervisor stack, String service, int from, Decision decision, Map<String, Object> services,
            Instant tick) {
        // The rules may have changed while the lag was read (a scenario's heal, 'lab start', 'up --autoscale off'),
        // and whoever changed them waits for a tick that began after: so this one looks again before it acts.
        if (stack.autoscaleRules().stream().noneMatch(r -> r.service().equals(service)
                && r.bounded(decision.instances()) == decision.instances())) {
            return;
        }
        Instant decided = Instant.now();
        String what = "autoscaler: %s %d -> %d instances (%s)".formatted(service, from, decision.instances(), decision.why());
        log.accept(what);
        publish(stack.autoscaleRules(), services, what, tick);
        String failure = null;
        try {
            stack.scaled(service, decision.instances()).up(STEP_TIMEOUT);
            log.accept("autoscaler: %s runs %d instances, %.1f s after the decision".formatted(service,
                    decision.instances(), Duration.between(decided, Instant.now()).toMillis() / 1000.0));
            services.put(service, Map.of("instances", decision.instances(), "lag", -1));
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
            log.accept("autoscaler: " + service + " could not scale to " + decision.instances() + ": " + failure);
        }
        synchronized (steps) {
            steps.add(new Step(decided, service, from, decision.instances(), decision.why(), Instant.now(), failure));
            if (steps.size() > 20) {
                steps.remove(0);
            }
        }
        // Also after a failed step: the next try waits until it has settled, not a second.
        lastStep.put(service, Instant.now());
        readings.remove(service);
    }

    private void publish(List<AutoscaleRule> rules, Map<String, Object> services, String acting, Instant tick) {
        List<Map<String, Object>> taken;
        synchronized (steps) {
            taken = steps.stream().map(Autoscaler::asJson).toList();
        }
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("tick", tick.toString());
        next.put("rules", rules.stream().map(AutoscaleRule::toString).toList());
        next.put("acting", acting != null);
        next.put("step", acting);
        next.put("services", Map.copyOf(services));
        next.put("steps", taken);
        view = next;
    }

    private static Map<String, Object> asJson(Step step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("decided", step.decided().toString());
        json.put("service", step.service());
        json.put("from", step.from());
        json.put("to", step.to());
        json.put("why", step.why());
        json.put("done", step.done().toString());
        json.put("failure", step.failure());
        return json;
    }

    /**
     * What it does now, as plain maps for the control room's JSON: when the last tick began (one that
     * began after a change of the rules has seen it), the rules, each ruled service's instances and
     * lag (-1: unknown, e.g. right after a step), whether a step is under way (and which), and the
     * last steps taken.
     */
    public Map<String, Object> view() {
        return view;
    }
}
