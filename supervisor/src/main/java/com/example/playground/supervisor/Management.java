package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Talks to a running service's management port (actuator, 127.0.0.1, never routed by the gateway):
 * its faults and switches ({@code /actuator/faults}), dead letters and their replay, redelivery,
 * breakers and metrics. What a service refuses comes back as a {@link PlaygroundException}
 * carrying its reason.
 *
 * <p>About 300 lines: one short method per management endpoint that the CLI, the scenarios and the
 * labs use, and the one place that knows which process's management port answers which.
 */
public final class Management {

    private final Stack stack;
    private final Predicate<Component> running;
    private final PrintStream out;
    private final Http http = new Http(Http.QUICK);
    /** For a redelivery: the service waits up to 10 s for its listener to consume the copy. */
    private final Http patient = new Http(Http.PATIENT);
    /** For a rebuild: emptying a read model's tables takes seconds with tens of thousands of events behind them. */
    private final Http slow = new Http(Duration.ofSeconds(60));

    Management(Stack stack, Predicate<Component> running, PrintStream out) {
        this.stack = stack;
        this.running = running;
        this.out = out;
    }

    /** GET on a running service's management port: the body, or a failure that says why. */
    public String get(String service, String path) {
        return body(service, path, url(service, path));
    }

    private String body(String service, String path, String url) {
        Http.Answer answer = http.get(url);
        if (!answer.ok()) {
            throw new PlaygroundException("%s did not answer %s (HTTP %d).".formatted(service, path, answer.status()),
                    PlaygroundException.FAILED);
        }
        return answer.body();
    }

    /**
     * A service's health, or one health group's ({@code readiness}, {@code liveness}) when {@code group}
     * is given: the JSON whether it says UP (HTTP 200) or DOWN (503); null if the service does not answer.
     */
    public Object health(String service, String group) {
        String body = http.get(url(service, group == null ? "/actuator/health" : "/actuator/health/" + group)).body();
        try {
            return body == null ? null : Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    /** What can be broken in a service and what is broken now: targets, switches, kinds of fault. */
    public Object faults(String service) {
        return Json.parse(get(service, "/actuator/faults"));
    }

    /** What is broken in a service now, by name, in words ({@code inbound: fails 50 % of calls}). */
    public Map<String, Object> broken(String service) {
        return Json.objectAt(faults(service), "broken");
    }

    /**
     * Breaks one target of a service. The settings are passed through by name ({@code latency},
     * {@code error-rate}, {@code hang}, ...): the service knows the kinds of fault, and says what it
     * refuses.
     */
    public void breakTarget(String service, String target, Map<String, ?> settings) {
        String answer = post(service, target, settings);
        out.printf("%s: %s is broken: %s%n", service, target, Json.text(Json.parse(answer), "description"));
    }

    /** Turns a switch of a service on or off. */
    public void setSwitch(String service, String id, boolean on) {
        post(service, id, Map.of("on", on));
        out.printf("%s: %s is %s.%n", service, id, on ? "ON" : "off");
    }

    /** Every fault of a service healed and every switch off. */
    public void heal(String service) {
        Http.Answer answer = http.delete(url(service, "/actuator/faults"));
        if (!answer.ok()) {
            throw new PlaygroundException(service + " did not heal (HTTP " + answer.status() + ").",
                    PlaygroundException.FAILED);
        }
        out.printf("%s: every fault healed, every switch off.%n", service);
    }

    /** What a service parked on its dead-letter topics: counts, and the latest with their errors. */
    public String deadLetters(String service) {
        return get(service, "/actuator/deadletters");
    }

    /**
     * Delivers a record a service consumed once more, as it was ({@code {"topic": T, "last": true}}
     * or {@code {"topic": T, "offset": N, "partition": P}}), and returns the service's account of it:
     * where it came from, where the copy went, whether it was consumed and skipped as a duplicate.
     */
    public Object redeliver(String service, Map<String, ?> which) {
        return answer(service, patient.post(url(service, "/actuator/redelivery"), Json.write(which)));
    }

    /** The messages a service parked on its dead-letter topics (of one topic, or all) that wait for a decision. */
    public List<Object> waitingDeadLetters(String service, String topic) {
        String query = topic == null ? "" : "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        return Json.listAt(answer(service, http.get(url(service, "/actuator/replay" + query))));
    }

    /** Replays the parked message at this place onto its topic, or passes over it for good. */
    public Object decideDeadLetter(String service, String topic, int partition, long offset, boolean replay) {
        Map<String, Object> decision = Map.of("topic", topic, "partition", partition, "offset", offset, "replay", replay);
        return answer(service, patient.post(url(service, "/actuator/replay"), Json.write(decision)));
    }

    /** The state of one of a service's circuit breakers (CLOSED, OPEN, HALF_OPEN), or UNKNOWN. */
    public String breakerState(String service, String breaker) {
        String path = "/actuator/circuitbreakers";
        String state = Json.text(Json.parse(body(service, path, serviceOrGatewayUrl(service, path))), "circuitBreakers",
                breaker, "state");
        return state == null ? "UNKNOWN" : state;
    }

    /**
     * Closes one of a service's circuit breakers through Resilience4j's own actuator endpoint, its
     * history forgotten: for a check that must judge the code, not what an earlier run left behind.
     */
    public void closeBreaker(String service, String breaker) {
        Http.Answer answer = http.post(serviceOrGatewayUrl(service, "/actuator/circuitbreakers/" + breaker),
                Json.write(Map.of("updateState", "CLOSE")));
        if (!answer.ok()) {
            throw new PlaygroundException("%s did not close its breaker %s (HTTP %d).".formatted(service, breaker,
                    answer.status()), PlaygroundException.FAILED);
        }
    }

    /** A metric's value with these tags, as {@code /actuator/metrics} measures it; 0 when it has none yet. */
    public double metric(String service, String name, Map<String, String> tags) {
        String query = tags.entrySet().stream()
                .map(tag -> "tag=" + URLEncoder.encode(tag.getKey() + ":" + tag.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Http.Answer answer = http.get(serviceOrGatewayUrl(service, "/actuator/metrics/" + name
                + (query.isEmpty() ? "" : "?" + query)));
        String value = Json.text(answer.json(), "measurements", 0, "value");
        return answer.ok() && value != null ? Double.parseDouble(value) : 0;
    }

    /** Whether an instance leads its service, as it says ({@code GET /actuator/leader}); empty if it does not answer. */
    public Map<String, Object> leader(String instance) {
        Http.Answer answer = http.get(url(instance, "/actuator/leader"));
        return answer.ok() ? Json.object(answer.body()) : Map.of();
    }

    /** Whether an instance says it leads its service; false if it does not answer. */
    public boolean leads(String instance) {
        return Boolean.TRUE.equals(leader(instance).get("leader"));
    }

    /**
     * Moves the lead from one instance to another: asks {@code from} to step down while it leads,
     * until {@code to} leads or {@code within} has passed. Whether {@code to} leads. On H2 the first
     * instance serves the database file to the others, so a scenario that kills a leader moves the
     * lead off it first.
     */
    public boolean moveLead(String from, String to, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!leads(to) && System.nanoTime() < deadline) {
            if (leads(from)) {
                stepDown(from);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return leads(to);
    }

    /** Has an instance that leads give the lead up ({@code POST /actuator/leader}); what it answers. */
    public Map<String, Object> stepDown(String instance) {
        Http.Answer answer = http.post(url(instance, "/actuator/leader"), "{}");
        return answer.ok() ? Json.object(answer.body()) : Map.of();
    }

    /** A read model as its service tells it ({@code GET /actuator/rebuild}): rows, behind, paused, digest. */
    public Map<String, Object> readModel(String service) {
        return Json.objectAt(answer(service, readModelAnswer(service, http.get(url(service, "/actuator/rebuild")))));
    }

    /** Before and after a rebuild, what the service answered to it, and how long until the replay had caught up. */
    public record Rebuilt(Map<String, Object> before, Map<String, Object> answer, Map<String, Object> after, long millis,
            boolean caughtUp) {

        public boolean equal() {
            return caughtUp && Objects.equals(before.get("digest"), after.get("digest"))
                    && Objects.equals(before.get("rows"), after.get("rows"));
        }
    }

    /**
     * Has a service rebuild a read model from its events ({@code POST /actuator/rebuild}): order-service
     * replays the topics into its history, payment-service folds its balances from the ledger. Waits
     * until it has read every event again (behind 0), at most {@code timeout}.
     */
    public Rebuilt rebuild(String service, Duration timeout) {
        // Compared once it has caught up: a history still reading would differ from any replay.
        Map<String, Object> before = caughtUp(service, readModel(service), System.nanoTime() + timeout.toNanos());
        long started = System.nanoTime();
        Map<String, Object> answer = Json.objectAt(answer(service,
                readModelAnswer(service, slow.post(url(service, "/actuator/rebuild"), "{}"))));
        Map<String, Object> now = caughtUp(service, readModel(service), started + timeout.toNanos());
        return new Rebuilt(before, answer, now, Duration.ofNanos(System.nanoTime() - started).toMillis(), caughtUp(now));
    }

    /** The read model read again every second until it has caught up or the deadline has passed. */
    private Map<String, Object> caughtUp(String service, Map<String, Object> now, long deadline) {
        while (!caughtUp(now) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = readModel(service);
        }
        return now;
    }

    /** Caught up: nothing left to read, counted after the replay's consumers committed once. */
    private static boolean caughtUp(Map<String, Object> readModel) {
        String behind = Json.text(readModel, "behind");
        return behind != null && Double.parseDouble(behind) == 0;
    }

    private static Http.Answer readModelAnswer(String service, Http.Answer answer) {
        if (answer.status() == 404) {
            throw new PlaygroundException(service + " has no read model to rebuild (order-service has its order history,"
                    + " payment-service its credit balances).",
                    PlaygroundException.USAGE);
        }
        return answer;
    }

    private String post(String service, String name, Map<String, ?> settings) {
        Http.Answer answer = http.post(url(service, "/actuator/faults/" + name), Json.write(settings));
        if (!answer.ok()) {
            String reason = Json.text(answer.json(), "detail");
            throw new PlaygroundException("%s refused '%s' (HTTP %d): %s".formatted(service, name, answer.status(),
                    reason != null ? reason : answer.body()),
                    answer.status() == 400 ? PlaygroundException.USAGE : PlaygroundException.FAILED);
        }
        return answer.body();
    }

    /** The answer as JSON; a problem the service answered, said plainly (400: a usage error). */
    private static Object answer(String service, Http.Answer answer) {
        if (answer.ok()) {
            return Json.parse(answer.body());
        }
        if (answer.status() == 0) {
            throw new PlaygroundException(service + " did not answer: " + answer.body(), PlaygroundException.FAILED);
        }
        Map<String, Object> problem = Json.object(answer.body());
        String type = Json.text(problem, "type");
        throw new PlaygroundException("%s refused (HTTP %d): %s%s".formatted(service, answer.status(),
                Json.text(problem, "detail") != null ? Json.text(problem, "detail") : answer.body(),
                type == null ? "" : " [" + type + "]"),
                answer.status() == 400 ? PlaygroundException.USAGE : PlaygroundException.FAILED);
    }

    /**
     * What is read, metrics and breakers are the gateway's too (its bulkheads and breakers per route,
     * the BFFs'), not only the services'; faults and switches are the services' alone ({@link #url}).
     */
    private String serviceOrGatewayUrl(String service, String path) {
        Component c = stack.component(service);
        return c.kind() == Kind.GATEWAY ? Http.local(c.managementPort(), path) : url(service, path);
    }

    private String url(String service, String path) {
        return Http.local(runningService(service).managementPort(), path);
    }

    private Component runningService(String name) {
        Component c = stack.component(name);
        if (c.kind() != Kind.SERVICE) {
            List<String> services = stack.components().stream().filter(x -> x.kind() == Kind.SERVICE)
                    .map(Component::name).toList();
            throw new PlaygroundException(name + " can not be broken this way; the services can: "
                    + String.join(", ", services), PlaygroundException.USAGE);
        }
        if (!running.test(c)) {
            throw new PlaygroundException(name + " is not running.", PlaygroundException.FAILED);
        }
        return c;
    }
}
