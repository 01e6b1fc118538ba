package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaygroundCliTests {

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownCommandExitsWithTwoAndShowsTheUsage() {
        int exit = run("bogus");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'bogus'", "up [--timeout SECONDS]");
    }

    @Test
    void aCommandThatNeedsANameSaysSo() {
        assertThat(run("kill")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Name a process, e.g. './playground kill payment-service'");
    }

    @Test
    void helpListsTheCommandsAndTheNames() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status", "restart <name>", "saga-orchestrator");
    }

    @Test
    void breakReadsTheTargetAndHowToBreakIt() {
        assertThat(PlaygroundCli.fault(List.of("break", "order-service", "--target", "inventory-service",
                "--latency", "100-300", "--error-rate", "0.5")))
                .isEqualTo(new Supervisor.FaultRequest("inventory-service", "100-300", 0.5, false));
        assertThat(PlaygroundCli.fault(List.of("break", "payment-service", "--hang")))
                .isEqualTo(new Supervisor.FaultRequest("inbound", null, null, true));
    }

    @Test
    void breakWithoutAFaultOrWithABadRateSaysHowAndChangesNothing() {
        assertThat(run("break", "payment-service")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--latency MS[-MS], --error-rate 0..1 or --hang");
        assertThat(run("break", "payment-service", "--error-rate", "often")).isEqualTo(2);
        assertThat(run("break", "payment-service", "--latency")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--latency needs a value");
    }

    @Test
    void instancesAddNamedInstancesOnPortsOfTheirOwn(@TempDir Path state) {
        Stack stack = PlaygroundCli.stack(List.of("up", "--instances", "inventory-service=2"), state);

        Component second = stack.component("inventory-service-2");
        assertThat(second.module()).isEqualTo("inventory-service");
        assertThat(second.port()).isEqualTo(8093);
        assertThat(second.managementPort()).isEqualTo(8193);
        assertThat(second.registryId()).isEqualTo("inventory-service:8093");
        assertThat(stack.instancesOf("inventory-service")).isEqualTo(2);
        assertThat(stack.names()).containsSubsequence("inventory-service", "inventory-service-2", "gateway");
    }

    @Test
    void dbChoosesH2OrPostgresAndLaterCommandsRememberIt(@TempDir Path state) throws Exception {
        assertThat(PlaygroundCli.postgres(List.of("up"), state)).isNull();
        assertThat(PlaygroundCli.postgres(List.of("up", "--db", "postgres"), state))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(PlaygroundCli.postgres(List.of("up", "--db", "postgres", "--db-url", "jdbc:postgresql://db:5433/shop"),
                state)).isEqualTo("jdbc:postgresql://db:5433/shop");
        assertThat(PlaygroundCli.postgres(List.of("up", "--db", "h2"), state)).isNull();
        assertThatThrownBy(() -> PlaygroundCli.postgres(List.of("up", "--db", "mysql"), state))
                .hasMessageContaining("--db takes h2 or postgres");

        java.nio.file.Files.createDirectories(state.resolve("run"));
        java.nio.file.Files.writeString(Supervisor.databaseFile(state), "jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(PlaygroundCli.postgres(List.of("restart", "order-service"), state))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void onlyServicesScaleAndOnlyAFew() {
        assertThat(run("up", "--instances", "gateway=2")).isEqualTo(2);
        assertThat(run("up", "--instances", "inventory-service=9")).isEqualTo(2);
        assertThat(run("up", "--instances", "inventory-service")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Only the services can run more than once",
                "Run 1 to 3 instances", "--instances takes SERVICE=COUNT");
    }

    private int run(String... args) {
        return PlaygroundCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
