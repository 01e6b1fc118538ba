package com.example.playground.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BenchReportTests {

    private static final Map<String, Object> ENDED = Json.object("""
            {"placed": 100, "approved": 80, "rejected": 20, "pending": 0,
             "placedToEnd": {"p50": 40, "p95": 90, "p99": 120, "max": 300},
             "firstPlaced": "2026-12-01T10:00:00Z", "lastEnded": "2026-12-01T10:00:10Z"}""");

    private static PhaseResult phase(double cpuSeconds) {
        return new PhaseResult("choreography", 100, 100, Map.of(), 5, 9, 12, Map.of("pending", 0), ENDED,
                Duration.ofSeconds(1), cpuSeconds, OptionalLong.of(2L * 1024 * 1024 * 1024));
    }

    private static BenchReport report(boolean postgres, PhaseResult phase) {
        BenchOptions options = BenchOptions.of(null, null, "choreography", null, false);
        BenchReport report = new BenchReport(options, postgres, 2, "LEAN");
        report.idle(0.3);
        report.phase(phase);
        return report;
    }

    @Test
    void theTableGivesEachFigureOfAPhase() {
        String md = report(false, phase(4.0)).markdown();

        assertThat(md).contains("On 2 cores, JVM mode lean, H2;")
                .contains("| sent / accepted (201) | 100 / 100 |")
                .contains("| placed → ended p50 / p95 / p99 / max (ms) | 40 / 90 / 120 / 300 |")
                .contains("| sustained sagas/s (first placed → last ended) | 10 |")
                .contains("| stack CPU per saga, idle taken off (ms) | 40 |")
                .contains("| stack resident memory after (MB) | 2048 |")
                .contains("CPU: every process of the stack, from the load's start");
    }

    @Test
    void onPostgresqlTheReportSaysWhetherItsServerWasCounted() {
        BenchReport counted = report(true, phase(4.0));
        counted.databaseProcesses(7);
        BenchReport elsewhere = report(true, phase(4.0));

        assertThat(counted.markdown()).contains("JVM mode lean, PostgreSQL;")
                .contains("CPU: every process of the stack and PostgreSQL's 7 server processes on this machine, from");
        assertThat(elsewhere.markdown())
                .contains("CPU: every process of the stack (PostgreSQL's server processes were not found on this machine: not counted), from");
    }

    @Test
    void aStackBusierIdleThanUnderLoadGetsNoCpuFigureRatherThanANegativeOne() {
        String md = report(false, phase(-3.0)).markdown();

        assertThat(md).contains("| stack CPU per saga, idle taken off (ms) | not known: busier idle than under load |")
                .doesNotContain("| -30");
    }
}
