package com.example.playground.controlroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts' series: rates from counter differences, the p99 from the latency buckets, gauges as read, and the marks. */
class HistoryTests {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    static String gateway(int ok, int failed, int under100ms, int under250ms) {
        return """
                spring_cloud_gateway_requests_seconds_count{outcome="SUCCESSFUL",routeId="inventory",status="OK"} %d
                spring_cloud_gateway_requests_seconds_count{outcome="SERVER_ERROR",routeId="inventory",status="SERVICE_UNAVAILABLE"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="0.1",outcome="SUCCESSFUL",routeId="inventory",status="OK"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="0.25",outcome="SUCCESSFUL",routeId="inventory",status="OK"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="+Inf",outcome="SUCCESSFUL",routeId="inventory",status="OK"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="0.1",outcome="SERVER_ERROR",routeId="inventory",status="SERVICE_UNAVAILABLE"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="0.25",outcome="SERVER_ERROR",routeId="inventory",status="SERVICE_UNAVAILABLE"} %d
                spring_cloud_gateway_requests_seconds_bucket{le="+Inf",outcome="SERVER_ERROR",routeId="inventory",status="SERVICE_UNAVAILABLE"} %d
                """.formatted(ok, failed, under100ms, under250ms, ok, failed, failed, failed);
    }

    @Test
    void ratesComeFromTheDifferenceBetweenTwoReadingsAndTheP99FromTheBuckets() {
        History history = new History(() -> List.of(new Activity.Mark(T0.plusSeconds(2), "payment-service: inbound is broken")));
        history.record(T0, Map.of("gateway", gateway(100, 0, 100, 100),
                "saga-orchestrator", "playground_saga_duration_seconds_count{outcome=\"COMPLETED\",style=\"orchestration\"} 10\n"
                        + "playground_outbox_pending{service=\"saga-orchestrator\"} 0"), List.of());
        // 3 s later: 60 more requests, 6 of them 503s; of the 54 good ones 40 within 100 ms, all within 250 ms.
        history.record(T0.plusSeconds(3), Map.of("gateway", gateway(154, 6, 140, 154),
                "saga-orchestrator", "playground_saga_duration_seconds_count{outcome=\"COMPLETED\",style=\"orchestration\"} 16\n"
                        + "playground_outbox_pending{service=\"saga-orchestrator\"} 4"),
                List.of(Map.of("topic", "inventory.commands", "readers", List.of(Map.of("group", "inventory-service",
                        "cells", List.of(Map.of("lag", 3), Map.of("lag", 5)))))));

        Map<String, Object> view = history.view();
        Map<?, ?> charts = (Map<?, ?>) view.get("charts");
        assertThat(points(charts, "requests", "inventory")).containsExactly(List.of(millis(3), 20.0));
        assertThat(points(charts, "errors", "inventory")).containsExactly(List.of(millis(3), 2.0));
        // 54 + 6 = 60: within 0.1 s 40 + 6 = 46 (77 %), within 0.25 s all of them.
        assertThat(points(charts, "p99", "inventory")).containsExactly(List.of(millis(3), 0.25));
        assertThat(points(charts, "sagas", "orchestration COMPLETED")).containsExactly(List.of(millis(3), 2.0));
        assertThat(points(charts, "outbox", "saga-orchestrator")).containsExactly(List.of(millis(0), 0.0), List.of(millis(3), 4.0));
        assertThat(points(charts, "lag", "inventory-service")).containsExactly(List.of(millis(3), 8.0));
        assertThat(view.get("marks")).isEqualTo(List.of(Map.of("at", T0.plusSeconds(2).toEpochMilli(),
                "text", "payment-service: inbound is broken")));
    }

    @Test
    void aCounterThatWentBackAfterARestartLeavesAGapNotADive() {
        History history = new History(List::of);
        history.record(T0, Map.of("gateway", gateway(100, 0, 100, 100)), List.of());
        history.record(T0.plusSeconds(3), Map.of("gateway", gateway(5, 0, 5, 5)), List.of());
        history.record(T0.plusSeconds(6), Map.of("gateway", gateway(35, 0, 35, 35)), List.of());

        Map<?, ?> charts = (Map<?, ?>) history.view().get("charts");

        assertThat(points(charts, "requests", "inventory")).containsExactly(List.of(millis(6), 10.0));
    }

    @SuppressWarnings("unchecked")
    static List<Object> points(Map<?, ?> charts, String chart, String series) {
        return (List<Object>) ((Map<?, ?>) charts.get(chart)).get(series);
    }

    static double millis(int seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }
}
