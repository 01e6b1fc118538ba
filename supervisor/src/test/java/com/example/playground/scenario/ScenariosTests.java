package com.example.playground.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosTests {

    @TempDir
    Path home;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void everyScenarioHasItsOwnNameAndSaysWhatItShows() {
        assertThat(Scenarios.names()).containsExactly("circuit-breaker", "retry", "timeout", "bulkhead", "failover",
                "kafka-outage", "rate-limit", "gateway-bulkhead", "externalized-configuration", "cqrs",
                "event-sourcing", "leader-election", "partitioning", "distributed-monolith", "two-phase-commit", "shared-database", "over-engineering",
                "strangler-fig", "canary-release", "backend-for-frontend", "sidecar", "auto-scaling").doesNotHaveDuplicates();
        assertThat(Scenarios.names(true)).containsExactly("two-phase-commit", "shared-database");
        assertThat(Scenarios.ALL).allSatisfy(s -> assertThat(s.shows()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void anUnknownScenarioOrAStackThatIsDownIsRefusedBeforeAnythingBreaks() {
        Supervisor supervisor = new Supervisor(home, home.resolve(".playground"), Stack.withPortOffset(22_000), out);

        assertThatThrownBy(() -> Scenarios.run("chaos", supervisor, out)).isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("No scenario 'chaos'. Known: circuit-breaker, retry");
        assertThatThrownBy(() -> Scenarios.run("retry", supervisor, out))
                .hasMessageContaining("The playground is not running");
    }

    @Test
    void aScenarioPassesOnlyWhenEveryCheckHeldAndIsHealedWhatever() {
        List<String> healed = new ArrayList<>();
        Scenario passing = scenario("passing", report -> {
            report.figure("measured %d ms", 12);
            report.check("it held", true, "1 of 1");
        }, healed);
        Scenario failing = scenario("failing", report -> {
            report.check("it held", true, "1 of 1");
            report.check("this did not", false, "0 of 1");
        }, healed);
        Scenario throwing = scenario("throwing", report -> {
            throw new IllegalStateException("the gateway went away");
        }, healed);
        RunningPlayground playground = new RunningPlayground(
                new Supervisor(home, home.resolve(".playground"), Stack.withPortOffset(22_000), out), out);

        assertThat(Scenarios.run(passing, playground, out)).isTrue();
        assertThat(Scenarios.run(failing, playground, out)).isFalse();
        assertThatThrownBy(() -> Scenarios.run(throwing, playground, out)).hasMessage("the gateway went away");

        assertThat(healed).containsExactly("passing", "failing", "throwing");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Running passing: shows passing",
                "  measured 12 ms", "  [ok] it held (1 of 1)", "PASS", "  [FAILED] this did not (0 of 1)", "FAIL");
    }

    @Test
    void aReportWithoutChecksIsNoPass() {
        assertThat(new Report("empty").passed()).isFalse();
    }

    private static Scenario scenario(String name, java.util.function.Consumer<Report> body, List<String> healed) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String shows() {
                return "shows " + name;
            }

            @Override
            public void run(RunningPlayground playground, Report report) {
                body.accept(report);
            }

            @Override
            public void heal(RunningPlayground playground) {
                healed.add(name);
            }
        };
    }
}
