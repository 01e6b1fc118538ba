package com.example.playground.order.order;

import com.example.playground.contracts.SagaStyle;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/ordertimings?since=INSTANT} on the management port: for the orders placed since
 * then, per saga style, how many ended (approved, rejected) and how many are still pending, and how
 * long each took from placed to its end, by the service's own timestamps ({@code created_at} when
 * the POST stored it, {@code updated_at} when the saga ended it). {@code ./playground bench} reads
 * it: a latency measured where the order lives, not by polling from outside.
 */
@Component
@Endpoint(id = "ordertimings")
class OrderTimingsEndpoint {

    private final JdbcClient jdbc;

    OrderTimingsEndpoint(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Milliseconds from placed to ended: nearest-rank percentiles of the ended orders. */
    record Latency(long p50, long p95, long p99, long max) {
    }

    record StyleTimings(int placed, int approved, int rejected, int pending, Latency placedToEnd,
                        Instant firstPlaced, Instant lastPlaced, Instant lastEnded) {
    }

    record OrderTimings(Instant since, Map<String, StyleTimings> styles) {
    }

    private record Row(String style, OrderStatus status, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @ReadOperation
    OrderTimings timings(String since) {
        Instant from = parse(since);
        List<Row> rows = jdbc.sql("""
                        select saga_style, status, created_at, updated_at from orders where created_at >= :since""")
                .param("since", from.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Row(rs.getString("saga_style"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class)))
                .list();
        Map<String, StyleTimings> styles = new LinkedHashMap<>();
        for (SagaStyle style : SagaStyle.values()) {
            styles.put(style.apiName(), timings(rows.stream().filter(r -> r.style().equals(style.name())).toList()));
        }
        return new OrderTimings(from, styles);
    }

    private static StyleTimings timings(List<Row> rows) {
        List<Row> ended = rows.stream().filter(r -> r.status() != OrderStatus.PENDING).toList();
        List<Long> millis = new ArrayList<>(ended.stream()
                .map(r -> Duration.between(r.createdAt(), r.updatedAt()).toMillis()).sorted().toList());
        Latency latency = millis.isEmpty() ? null : new Latency(rank(millis, 50), rank(millis, 95), rank(millis, 99),
                millis.get(millis.size() - 1));
        return new StyleTimings(rows.size(), count(rows, OrderStatus.APPROVED), count(rows, OrderStatus.REJECTED),
                count(rows, OrderStatus.PENDING), latency,
                rows.stream().map(r -> r.createdAt().toInstant()).min(Comparator.naturalOrder()).orElse(null),
                rows.stream().map(r -> r.createdAt().toInstant()).max(Comparator.naturalOrder()).orElse(null),
                ended.stream().map(r -> r.updatedAt().toInstant()).max(Comparator.naturalOrder()).orElse(null));
    }

    private static int count(List<Row> rows, OrderStatus status) {
        return (int) rows.stream().filter(r -> r.status() == status).count();
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least that share at or below it. */
    static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static Instant parse(String since) {
        if (since == null || since.isBlank()) {
            throw new InvalidEndpointRequestException("Give since=INSTANT, e.g. 2026-12-01T19:00:00Z",
                    "since is required");
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidEndpointRequestException("since must be an instant like 2026-12-01T19:00:00Z, not '"
                    + since + "'", "since is not an instant");
        }
    }
}
