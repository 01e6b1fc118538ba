package com.example.playground.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PhaseResultTests {

    private static final Map<String, Object> ENDED = Json.object("""
            {"placed": 100, "approved": 80, "rejected": 20, "pending": 0,
             "placedToEnd": {"p50": 40, "p95": 90, "p99": 120, "max": 300},
             "firstPlaced": "2026-12-01T10:00:00Z", "lastPlaced": "2026-12-01T10:00:09.900Z",
             "lastEnded": "2026-12-01T10:00:10Z"}""");

    @Test
    void sagasPerSecondRunFromTheFirstPlacedToTheLastEnded() {
        PhaseResult phase = new PhaseResult("orchestration", 100, 100, Map.of(), 5, 9, 12, Map.of("pending", 7), ENDED,
                Duration.ofSeconds(2), 3.0, OptionalLong.of(1_000_000));

        assertThat(phase.ended()).isEqualTo(100);
        assertThat(phase.sustainedPerSecond()).isEqualTo(10.0);
        assertThat(phase.cpuMillisPerSaga()).isEqualTo(30.0);
        assertThat(phase.pendingAtLoadEnd()).isEqualTo(7);
        assertThat(phase.latency("p99")).isEqualTo(120);
    }

    @Test
    void nothingEndedMeansNoRateAndNoCpuPerSaga() {
        Map<String, Object> none = Json.object("""
                {"placed": 3, "approved": 0, "rejected": 0, "pending": 3, "placedToEnd": null}""");
        PhaseResult phase = new PhaseResult("choreography", 3, 3, Map.of(), 5, 9, 12, none, none, null, 3.0,
                OptionalLong.empty());

        assertThat(phase.sustainedPerSecond()).isZero();
        assertThat(phase.cpuMillisPerSaga()).isZero();
        assertThat(phase.latency("p50")).isEqualTo(-1);
    }
}
