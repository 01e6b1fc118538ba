package com.example.playground.lab;

import com.example.playground.supervisor.Json;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trace as Zipkin's API gives it ({@code GET /api/v2/trace/{traceId}}: a list of spans), and
 * what the labs ask of it: which of our services took part, whether it is the request that placed
 * an order, and which orders its spans name (the outbox spans carry the tag {@code order.id}).
 */
record ZipkinTrace(List<Object> spans) {

    /** Our processes that report spans, as Zipkin names them (the application names). */
    static final List<String> OUR_SERVICES = List.of("gateway", "order-service", "inventory-service", "payment-service",
            "saga-orchestrator");

    /** 32 or 16 hex digits standing alone: a trace id inside a header line, a Zipkin address or on its own. */
    private static final Pattern TRACE_ID = Pattern.compile("(?<![0-9a-fA-F])([0-9a-fA-F]{32}|[0-9a-fA-F]{16})(?![0-9a-fA-F])");

    /** The trace id in what an attendee typed or pasted, lower-cased as Zipkin writes it. */
    static Optional<String> idIn(String text) {
        Matcher found = TRACE_ID.matcher(text == null ? "" : text);
        return found.find() ? Optional.of(found.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Zipkin's answer; empty when it is not a list of spans (an unknown trace is a 404 with text). */
    static ZipkinTrace parse(String body) {
        try {
            return new ZipkinTrace(Json.listAt(Json.parse(body)));
        } catch (IllegalArgumentException notJson) {
            return new ZipkinTrace(List.of());
        }
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    /** Which of our services have spans in it, in the order of {@link #OUR_SERVICES}. */
    List<String> services() {
        Set<String> seen = new LinkedHashSet<>();
        spans.forEach(span -> seen.add(Json.text(span, "localEndpoint", "serviceName")));
        return OUR_SERVICES.stream().filter(seen::contains).toList();
    }

    /** Which of our services have no span in it. */
    List<String> missingServices() {
        List<String> seen = services();
        return OUR_SERVICES.stream().filter(service -> !seen.contains(service)).toList();
    }

    /** Whether a server (the gateway, order-service) took a {@code POST /api/orders} in it. */
    boolean placesAnOrder() {
        return spans.stream().anyMatch(span -> "SERVER".equals(Json.text(span, "kind"))
                && "POST".equals(Json.text(span, "tags", "method"))
                && "/api/orders".equals(Json.text(span, "tags", "http.url")));
    }

    /** The orders its spans name (tag {@code order.id}), in the order the spans began. */
    List<String> orderIds() {
        Set<String> ids = new LinkedHashSet<>();
        byStart().stream().map(span -> Json.text(span, "tags", "order.id")).filter(id -> id != null).forEach(ids::add);
        return List.copyOf(ids);
    }

    /** What the first span did, in Zipkin's words and with its path ({@code gateway: http get /api/orders/1}). */
    String firstSpan() {
        return byStart().stream().findFirst().map(span -> {
            String url = Json.text(span, "tags", "http.url");
            return Json.text(span, "localEndpoint", "serviceName") + ": " + Json.text(span, "name")
                    + (url == null ? "" : " " + url);
        }).orElse("nothing");
    }

    private List<Object> byStart() {
        return spans.stream().sorted(Comparator.comparingLong(ZipkinTrace::timestamp)).toList();
    }

    private static long timestamp(Object span) {
        String micros = Json.text(span, "timestamp");
        return micros == null ? Long.MAX_VALUE : Long.parseLong(micros);
    }
}
