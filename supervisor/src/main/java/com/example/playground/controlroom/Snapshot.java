package com.example.playground.controlroom;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Component.Kind;
import com.example.playground.supervisor.Probe;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the page shows, gathered in one pass: the processes, Eureka's registry, each
 * service's breakers, faults and resilience metrics, the latest sagas with their orders' status
 * and trace. Answers are embedded as the services gave them; the page's script reads them.
 */
final class Snapshot {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ORDER_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern SPAN = Pattern.compile("\"traceId\"\\s*:\\s*\"([0-9a-f]+)\"[^{}]*?\"timestamp\"\\s*:\\s*(\\d+)");
    /** The Prometheus series the page reads: bulkhead use, retries, saga outcomes, outbox, dead letters. */
    private static final List<String> SERIES = List.of("resilience4j_bulkhead", "resilience4j_retry_calls",
            "playground_");

    private final Supervisor supervisor;
    private final Stack stack;
    private final Traffic traffic;
    private final Activity activity;
    /** Orders that ended do not change: their status and trace are asked for once. */
    private final Map<String, String> finishedOrders = new ConcurrentHashMap<>();
    private final Map<String, String> traces = new ConcurrentHashMap<>();
    private String metrics;
    private long tick;

    Snapshot(Supervisor supervisor, Traffic traffic, Activity activity) {
        this.supervisor = supervisor;
        this.stack = supervisor.stack();
        this.traffic = traffic;
        this.activity = activity;
    }

    synchronized String collect() {
        tick++;
        List<Supervisor.Status> statuses = supervisor.status();
        List<Component> running = statuses.stream().filter(Supervisor.Status::up).map(Supervisor.Status::component)
                .toList();
        Map<String, String> json = new LinkedHashMap<>();
        json.put("at", Json.string(Instant.now().toString()));
        json.put("links", Json.object(Map.of(
                "gateway", Json.string("http://127.0.0.1:" + stack.gatewayPort() + "/api/"),
                "eureka", Json.string("http://127.0.0.1:" + stack.eurekaPort() + "/"),
                "zipkin", Json.string("http://127.0.0.1:" + stack.zipkinPort() + "/zipkin/"))));
        json.put("processes", processes(statuses));
        json.put("eureka", orNull(Probe.get(url(stack.eurekaPort(), "/eureka/apps"))));
        json.put("breakers", perProcess(running, c -> c.kind() == Kind.SERVICE || c.kind() == Kind.GATEWAY,
                "/actuator/circuitbreakers"));
        json.put("faults", perProcess(running, c -> c.kind() == Kind.SERVICE, "/actuator/faults"));
        // The Prometheus pages cost the services more to render, and counts need no second-by-second view.
        if (tick % 3 == 1 || metrics == null) {
            metrics = metrics(running);
        }
        json.put("metrics", metrics);
        String sagas = sagas(running);
        List<String> orderIds = orderIds(sagas);
        json.put("sagas", sagas);
        json.put("orders", orders(orderIds, running));
        json.put("traces", traces(orderIds, running));
        json.put("traffic", traffic.json());
        json.put("activity", activity.json());
        return Json.object(json);
    }

    private String processes(List<Supervisor.Status> statuses) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        for (Supervisor.Status s : statuses) {
            Component c = s.component();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", Json.string(c.name()));
            fields.put("module", Json.string(c.module()));
            fields.put("kind", Json.string(c.kind().name()));
            fields.put("port", Integer.toString(c.port()));
            fields.put("managementPort", Integer.toString(c.managementPort()));
            fields.put("pid", s.pid() == null ? "null" : Long.toString(s.pid()));
            fields.put("up", Boolean.toString(s.up()));
            fields.put("health", Json.string(s.health()));
            fields.put("registryId", Json.string(c.registryId()));
            list.add(Json.object(fields));
        }
        return list.toString();
    }

    private String perProcess(List<Component> running, Predicate<Component> which, String path) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Component c : running) {
            if (which.test(c) && c.managementPort() != 0) {
                Probe.Answer answer = Probe.get(url(c.managementPort(), path));
                if (answer.ok() && Json.looksLikeJson(answer.body())) {
                    answers.put(c.name(), answer.body());
                }
            }
        }
        return Json.object(answers);
    }

    private String metrics(List<Component> running) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Component c : running) {
            if (c.kind() == Kind.SERVICE) {
                Probe.Answer answer = Probe.get(url(c.managementPort(), "/actuator/prometheus"));
                if (answer.ok()) {
                    String wanted = answer.body().lines()
                            .filter(line -> SERIES.stream().anyMatch(line::startsWith))
                            .collect(Collectors.joining("\n"));
                    answers.put(c.name(), Json.string(wanted));
                }
            }
        }
        return Json.object(answers);
    }

    private String sagas(List<Component> running) {
        return running.stream().filter(c -> c.module().equals("saga-orchestrator")).findFirst()
                .map(c -> orNull(Probe.get(url(c.port(), "/api/sagas?limit=8"))))
                .orElse("[]");
    }

    /** The status of each listed order, from order-service; asked again only while it is pending. */
    private String orders(List<String> orderIds, List<Component> running) {
        Component orders = running.stream().filter(c -> c.module().equals("order-service")).findFirst().orElse(null);
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String orderId : orderIds) {
            String known = finishedOrders.get(orderId);
            if (known == null && orders != null) {
                Probe.Answer answer = Probe.get(url(orders.port(), "/api/orders/" + orderId));
                Matcher m = ORDER_STATUS.matcher(answer.body());
                if (answer.ok() && m.find()) {
                    known = answer.body();
                    if (!m.group(1).equals("PENDING")) {
                        finishedOrders.put(orderId, known);
                    }
                }
            }
            statuses.put(orderId, known);
        }
        return Json.object(statuses);
    }

    /** The trace of each listed order: Zipkin finds it by the order.id tag the services put on their spans. */
    private String traces(List<String> orderIds, List<Component> running) {
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
            found.put(orderId, traceId == null ? null : Json.string(traceId));
        }
        return Json.object(found);
    }

    /** Of the traces that carry the order's id, the one that began first: the request that placed it. */
    private String lookUpTrace(String orderId) {
        String query = URLEncoder.encode("order.id=" + orderId, StandardCharsets.UTF_8);
        Probe.Answer answer = Probe.get(url(stack.zipkinPort(),
                "/api/v2/traces?limit=10&lookback=86400000&annotationQuery=" + query));
        String first = null;
        long earliest = Long.MAX_VALUE;
        Matcher m = SPAN.matcher(answer.body());
        while (m.find()) {
            long timestamp = Long.parseLong(m.group(2));
            if (timestamp < earliest) {
                earliest = timestamp;
                first = m.group(1);
            }
        }
        return first;
    }

    private static List<String> orderIds(String sagas) {
        // Only the sagas' own ids, not the order ids inside their step details.
        return ORDER_ID.matcher(sagas).results().map(r -> r.group(1)).distinct().toList();
    }

    private static String orNull(Probe.Answer answer) {
        return answer.ok() && Json.looksLikeJson(answer.body()) ? answer.body() : "null";
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
