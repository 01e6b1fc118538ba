package com.example.playground.supervisor;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a process is ready: healthy by its own account, listed as UP in Eureka if it registers, and
 * routable through the gateway if it is behind it. Waits for all three, printing each process as
 * it gets there, and explains a process that stopped or took too long.
 */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(250);

    private enum Stage { STARTING, HEALTHY, REGISTERED, READY }

    private final StateFolder state;
    private final Stack stack;
    private final Pids pids;
    private final PrintStream out;
    private final Http http = new Http(Duration.ofSeconds(2));

    Readiness(StateFolder state, Stack stack, Pids pids, PrintStream out) {
        this.state = state;
        this.stack = stack;
        this.pids = pids;
        this.out = out;
    }

    /** The health a user would care about: UP, DOWN, or what the process says of itself. */
    String health(Component c) {
        return switch (c.kind()) {
            case KAFKA -> Ports.accepts(c.port()) ? "UP" : "DOWN";
            case ZIPKIN, CONTROL_ROOM -> http.get(Http.local(c.port(), "/health")).ok() ? "UP" : "DOWN";
            case SIDECAR -> http.get(Http.local(c.managementPort(), "/ready")).ok() ? "UP" : "DOWN";
            default -> {
                Http.Answer answer = http.get(Http.local(c.managementPort(), "/actuator/health"));
                String status = Json.text(answer.json(), "status");
                yield answer.status() == 0 ? "DOWN" : status != null ? status : "HTTP " + answer.status();
            }
        };
    }

    /** Waits until each component is ready, printing progress; fails on a process that stops or is late. */
    void await(List<Component> components, Instant started, Instant deadline) {
        Map<Component, Stage> stages = new LinkedHashMap<>();
        components.forEach(c -> stages.put(c, Stage.STARTING));
        while (stages.containsValue(Stage.STARTING) || stages.containsValue(Stage.HEALTHY)
                || stages.containsValue(Stage.REGISTERED)) {
            Object registry = null;
            for (Map.Entry<Component, Stage> entry : stages.entrySet()) {
                Component c = entry.getKey();
                Stage stage = entry.getValue();
                if (stage == Stage.READY) {
                    continue;
                }
                if (!pids.isRunning(c)) {
                    throw new PlaygroundException("%s stopped while starting. Read %s:%n%s".formatted(c.name(),
                            state.relative(state.logOf(c.name())), state.tail(c.name(), 15)), PlaygroundException.FAILED);
                }
                if (stage == Stage.STARTING && "UP".equals(health(c))) {
                    stage = Stage.HEALTHY;
                }
                if (stage == Stage.HEALTHY) {
                    if (!c.registersWithEureka()) {
                        stage = Stage.REGISTERED;
                    } else {
                        registry = registry != null ? registry : registry();
                        if (listedUp(registry, c)) {
                            stage = Stage.REGISTERED;
                        }
                    }
                }
                if (stage == Stage.REGISTERED && (c.routeProbe() == null || routable(c))) {
                    stage = Stage.READY;
                    if (pids.launchedHere(c)) {
                        // What ran already is waited for too (it may hang on what was started), but
                        // only what was started now is news: 'up' that adds one instance says one line.
                        out.printf("  ready   %-20s after %5.1f s%n", c.name(), seconds(Duration.between(started, Instant.now())));
                    }
                }
                entry.setValue(stage);
            }
            if (Instant.now().isAfter(deadline)) {
                List<String> late = stages.entrySet().stream().filter(e -> e.getValue() != Stage.READY)
                        .map(e -> "%s (%s; log %s)".formatted(e.getKey().name(),
                                e.getValue().name().toLowerCase(Locale.ROOT), state.relative(state.logOf(e.getKey().name()))))
                        .toList();
                throw new PlaygroundException("Timed out waiting for: " + String.join(", ", late),
                        PlaygroundException.FAILED);
            }
            sleep(POLL);
        }
    }

    /** Eureka's registry as JSON (an empty object while Eureka does not answer). */
    Object registry() {
        return http.get(Http.local(stack.eurekaPort(), "/eureka/apps")).json();
    }

    /** Whether Eureka lists this process at all (by its instance id, {@code name:port}), whatever its status. */
    static boolean listed(Object registry, Component c) {
        return statusIn(registry, c) != null;
    }

    /**
     * Eureka lists this instance as UP. Being listed is not enough: a restarted service takes over
     * its predecessor's entry (same id, same port) and is STARTING, then DOWN, until it is ready,
     * while the gateway may still route by the old UP entry to the new process's first answers.
     */
    static boolean listedUp(Object registry, Component c) {
        return "UP".equals(statusIn(registry, c));
    }

    private static String statusIn(Object registry, Component c) {
        for (Object app : Json.listAt(registry, "applications", "application")) {
            for (Object instance : Json.listAt(app, "instance")) {
                if (c.registryId().equals(Json.text(instance, "instanceId"))) {
                    return Json.text(instance, "status");
                }
            }
        }
        return null;
    }

    /**
     * The service answers through the gateway (a 200, or its own 404 problem for an unknown id), and
     * this very instance has answered a request: with two instances the probe may have met the other.
     */
    private boolean routable(Component c) {
        Http.Answer answer = http.get(Http.local(stack.gatewayPort(), c.routeProbe()));
        boolean answered = answer.ok() || (answer.status() == 404
                && String.valueOf(Json.text(answer.json(), "type")).startsWith("urn:playground:problem:"));
        return answered && servedAny(c);
    }

    /**
     * Whether the instance has served a request on its API port, by its own metrics (requests to
     * the management port are not counted there): whoever sent it found the instance through the
     * registry, like the gateway's next request will. The metric is missing until the first request.
     */
    private boolean servedAny(Component c) {
        Http.Answer answer = http.get(Http.local(c.managementPort(), "/actuator/metrics/http.server.requests"));
        return Json.listAt(answer.json(), "measurements").stream()
                .anyMatch(m -> "COUNT".equals(Json.text(m, "statistic")) && Json.at(m, "value")
                        .filter(Number.class::isInstance).map(n -> ((Number) n).doubleValue() > 0).orElse(false));
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }
}
