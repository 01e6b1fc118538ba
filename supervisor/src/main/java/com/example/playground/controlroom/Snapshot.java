package com.example.playground.controlroom;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Component.Kind;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything the page shows, gathered in one pass: the processes, Eureka's registry, each
 * service's breakers, faults and switches and resilience metrics, the latest sagas with their
 * orders' status and trace. Answers are passed on as the services gave them; the page's script
 * reads them.
 */
final class Snapshot {

    /**
     * The Prometheus series the page reads: bulkhead use, retries, saga outcomes, outbox, dead letters,
     * the strangler's shares, and the gateway's requests per route (which side of a strangled route answered).
     */
    private static final List<String> SERIES = List.of("resilience4j_bulkhead", "resilience4j_retry_calls",
            "playground_", "spring_cloud_gateway_requests_seconds_count",
            // The map's rates: records sent and read per topic (Spring Kafka's observations), and the
            // calls through each of a service's breakers.
            "spring_kafka_template_seconds_count", "spring_kafka_listener_seconds_count",
            "resilience4j_circuitbreaker_calls_seconds_count");

    private final Supplier<Supervisor> supervisor;
    private final Stack stack;
    private final Traffic traffic;
    private final Activity activity;
    /** The charts' samples: one each time the Prometheus pages are read. */
    private final History history;
    /** The views of the loops the control room runs (the autoscaler, the canary guard), by snapshot field. */
    private final Map<String, Supplier<Map<String, Object>>> loops;
    private final Http http = new Http(Duration.ofSeconds(2));
    private final Partitions partitions = new Partitions();
    /** Orders that ended do not change: their status and trace are asked for once. */
    private final Map<String, Object> finishedOrders = new ConcurrentHashMap<>();
    private final Map<String, String> traces = new ConcurrentHashMap<>();
    private Map<String, Object> metrics;
    private List<Map<String, Object>> kafkaPartitions;
    private long tick;

    /** {@code supervisor} gives the stack as it is scaled now; its ports (all this keeps) never change. */
    Snapshot(Supplier<Supervisor> supervisor, Traffic traffic, Activity activity, History history,
            Map<String, Supplier<Map<String, Object>>> loops) {
        this.supervisor = supervisor;
        this.history = history;
        this.loops = Map.copyOf(loops);
        this.stack = supervisor.get().stack();
        this.traffic = traffic;
        this.activity = activity;
    }

    synchronized String collect() {
        tick++;
        List<Supervisor.Status> statuses = supervisor.get().status();
        List<Component> running = statuses.stream().filter(Supervisor.Status::up).map(Supervisor.Status::component)
                .toList();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("at", Instant.now().toString());
        snapshot.put("links", Map.of(
                "gateway", "http://127.0.0.1:" + stack.gatewayPort() + "/api/",
                "eureka", "http://127.0.0.1:" + stack.eurekaPort() + "/",
                "zipkin", "http://127.0.0.1:" + stack.zipkinPort() + "/zipkin/"));
        snapshot.put("processes", statuses.stream().map(Snapshot::process).toList());
        snapshot.put("eureka", orNull(http.get(Http.local(stack.eurekaPort(), "/eureka/apps"))));
        snapshot.put("breakers", perProcess(running, c -> c.kind() == Kind.SERVICE || c.kind() == Kind.GATEWAY,
                "/actuator/circuitbreakers"));
        snapshot.put("faults", perProcess(running, c -> c.kind() == Kind.SERVICE, "/actuator/faults"));
        snapshot.put("leaders", perProcess(running, c -> c.kind() == Kind.SERVICE, "/actuator/leader"));
        // Each service asks Kafka's admin client: slower than the rest, and seconds while Kafka is away.
        if (tick % 3 == 1 || kafkaPartitions == null) {
            kafkaPartitions = kafkaPartitions(running);
        }
        snapshot.put("partitions", kafkaPartitions);
        // The Prometheus pages cost the services more to render, and counts need no second-by-second view.
        if (tick % 3 == 1 || metrics == null) {
            metrics = metrics(running);
        }
        snapshot.put("metrics", metrics);
        Object sagas = sagas(running);
        List<String> orderIds = Json.listAt(sagas).stream().map(saga -> Json.text(saga, "orderId")).distinct().toList();
        snapshot.put("sagas", sagas);
        snapshot.put("orders", orders(orderIds, running));
        snapshot.put("traces", traces(orderIds, running));
        loops.forEach((field, view) -> snapshot.put(field, view.get()));
        snapshot.put("traffic", traffic.view());
        snapshot.put("activity", activity.lines());
        return Json.write(snapshot);
    }

    private static Map<String, Object> process(Supervisor.Status s) {
        Component c = s.component();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", c.name());
        fields.put("module", c.module());
        fields.put("kind", c.kind().name());
        fields.put("port", c.port());
        fields.put("managementPort", c.managementPort());
        fields.put("pid", s.pid());
        fields.put("up", s.up());
        fields.put("health", s.health());
        fields.put("registryId", c.registryId());
        return fields;
    }

    /** The scaled stack's names for the consumers (a second instance added later included); the last view if it fails. */
    private List<Map<String, Object>> kafkaPartitions(List<Component> running) {
        try {
            return Partitions.asJson(partitions.read(supervisor.get().stack(), running));
        } catch (RuntimeException e) {
            return kafkaPartitions == null ? List.of() : kafkaPartitions;
        }
    }

    private Map<String, Object> perProcess(List<Component> running, Predicate<Component> which, String path) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Component c : running) {
            if (which.test(c) && c.managementPort() != 0) {
                Object answer = orNull(http.get(Http.local(c.managementPort(), path)));
                if (answer != null) {
                    answers.put(c.name(), answer);
                }
            }
        }
        return answers;
    }

    /** The series the page reads, per process; the whole pages go to the charts' history. */
    private Map<String, Object> metrics(List<Component> running) {
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, Object> pages = new LinkedHashMap<>();
        for (Component c : running) {
            // The gateway too: its bulkhead per route (calls in flight against the cap).
            if (c.kind() == Kind.SERVICE || c.kind() == Kind.GATEWAY) {
                Http.Answer answer = http.get(Http.local(c.managementPort(), "/actuator/prometheus"));
                if (answer.ok()) {
                    pages.put(c.name(), answer.body());
                    answers.put(c.name(), answer.body().lines()
                            .filter(line -> SERIES.stream().anyMatch(line::startsWith))
                            .collect(Collectors.joining("\n")));
                }
            }
        }
        history.record(Instant.now(), pages, kafkaPartitions == null ? List.of() : kafkaPartitions);
        return answers;
    }

    private Object sagas(List<Component> running) {
        return running.stream().filter(c -> c.module().equals("saga-orchestrator")).findFirst()
                .map(c -> orNull(http.get(Http.local(c.port(), "/api/sagas?limit=8"))))
                .orElse(List.of());
    }

    /** The status of each listed order, from order-service; asked again only while it is pending. */
    private Map<String, Object> orders(List<String> orderIds, List<Component> running) {
        Component orders = running.stream().filter(c -> c.module().equals("order-service")).findFirst().orElse(null);
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (String orderId : orderIds) {
            Object known = finishedOrders.get(orderId);
            if (known == null && orders != null) {
                known = orNull(http.get(Http.local(orders.port(), "/api/orders/" + orderId)));
                String status = Json.text(known, "status");
                if (status != null && !status.equals("PENDING")) {
                    finishedOrders.put(orderId, known);
                }
            }
            statuses.put(orderId, known);
        }
        return statuses;
    }

    /** The trace of each listed order: Zipkin finds it by the order.id tag the services put on their spans. */
    private Map<String, String> traces(List<String> orderIds, List<Component> running) {
        boolean zipkinUp = running.stream().anyMatch(c -> c.kind() == Kind.ZIPKIN);
        Map<String, String> found = new LinkedHashMap<>();
        for (String orderId : orderIds) {
            String traceId = traces.get(orderId);
            if (traceId == null && zipkinUp) {
                traceId = lookUpTrace(orderId);
                if (traceId != null) {
                    traces.put(orderId, traceId);
                }
            }
            found.put(orderId, traceId);
        }
        return found;
    }

    /** Of the traces that carry the order's id, the one that began first: the request that placed it. */
    private String lookUpTrace(String orderId) {
        String query = URLEncoder.encode("order.id=" + orderId, StandardCharsets.UTF_8);
        Http.Answer answer = http.get(Http.local(stack.zipkinPort(),
                "/api/v2/traces?limit=10&lookback=86400000&annotationQuery=" + query));
        String first = null;
        long earliest = Long.MAX_VALUE;
        for (Object trace : Json.listAt(orNull(answer))) {
            for (Object span : Json.listAt(trace)) {
                String timestamp = Json.text(span, "timestamp");
                if (timestamp != null && Long.parseLong(timestamp) < earliest) {
                    earliest = Long.parseLong(timestamp);
                    first = Json.text(span, "traceId");
                }
            }
        }
        return first;
    }

    /** A JSON answer as a tree, or null when there was none (down, an error, not JSON). */
    private static Object orNull(Http.Answer answer) {
        if (!answer.ok()) {
            return null;
        }
        try {
            return Json.parse(answer.body());
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }
}
