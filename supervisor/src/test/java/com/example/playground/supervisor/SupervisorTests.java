package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's refusals and failures, on a pretend build (empty jars) with ports moved far
 * away: what the user is told, the exit code, and that nothing is left running; and scaling a
 * running stack, with sleeping shells standing in for its processes.
 */
class SupervisorTests {

    // Below the ephemeral port range (32768 and up on Linux), where outgoing connections take their
    // local ports: an offset up there collided with one now and then.
    static final int OFFSET = 22_000;

    @TempDir
    Path home;

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Supervisor supervisor;
    Pids pids;
    final List<Process> pretend = new ArrayList<>();

    @BeforeEach
    void pretendBuild() throws IOException {
        Stack stack = Stack.withPortOffset(OFFSET);
        for (Component c : stack.components()) {
            if (c.kind().isSpringApp()) {
                Files.createDirectories(home.resolve(c.module()).resolve("target"));
                Files.createFile(home.resolve(c.module()).resolve("target").resolve(c.module() + ".jar"));
            }
        }
        Files.createDirectories(home.resolve("supervisor/target/zipkin"));
        Files.createFile(home.resolve("supervisor/target/zipkin/zipkin-server.jar"));
        Files.createFile(home.resolve("supervisor/target/supervisor.jar"));
        Files.createDirectories(home.resolve("supervisor/target/kafka-lib"));
        supervisor = new Supervisor(home, home.resolve(".playground"), stack,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        pids = new Pids(supervisor.state());
    }

    @AfterEach
    void leaveNothingRunning() {
        pretend.forEach(Process::destroyForcibly);
    }

    @Test
    void upWithFewerInstancesStopsTheExtraOneAndLeavesTheRestRunning() throws IOException {
        Stack two = supervisor.stack().withInstances(Map.of("inventory-service", 2));
        pretendRunning(two);
        new RememberedSettings(supervisor.state()).remember(two, null, JvmMode.LEAN);
        ProcessHandle second = pids.of(two.component("inventory-service-2")).orElseThrow();

        assertThat(supervisor.up(Duration.ofSeconds(30))).isTrue();

        assertThat(second.isAlive()).isFalse();
        assertThat(supervisor.status()).hasSize(9).allMatch(Supervisor.Status::up);
        assertThat(new RememberedSettings(supervisor.state()).instances()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stopped inventory-service-2")
                .doesNotContain("started");
        assertThat(supervisor.up(Duration.ofSeconds(30))).as("nothing left to change").isFalse();
    }

    @Test
    void upWithMoreInstancesLaunchesOnlyTheMissingOneBesideTheRunningStack() throws IOException {
        pretendRunning(supervisor.stack());
        Supervisor two = supervisor.scaled("inventory-service", 2);
        assertThat(two.stack().names()).contains("inventory-service-2");

        // The pretend build's empty jar cannot run: the new instance stops at once, and only it is stopped.
        assertThatThrownBy(() -> two.up(Duration.ofSeconds(30)))
                .hasMessageContaining("inventory-service-2 stopped while starting");

        assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("started ")))
                .singleElement().asString().contains("inventory-service-2", "port " + (8093 + OFFSET));
        assertThat(supervisor.status()).hasSize(9).allMatch(Supervisor.Status::up);
        assertThat(new RememberedSettings(supervisor.state()).instances()).as("what did not start is not remembered")
                .isEmpty();
    }

    @Test
    void downStopsAnExtraInstanceAlsoWhenItsCountWasForgotten() throws IOException {
        pretendRunning(supervisor.stack().withInstances(Map.of("inventory-service", 2)));

        supervisor.down();

        assertThat(pretend).noneMatch(Process::isAlive);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stopped inventory-service-2");
    }

    @Test
    void aCrashedServicesStaleDatabaseLockIsRemovedBeforeItStartsButNotWhileAnotherInstanceHoldsIt()
            throws IOException {
        Supervisor two = supervisor.scaled("inventory-service", 2);
        pretendRunning(two.stack());
        Path data = supervisor.state().data();
        Files.writeString(data.resolve("payment-service.lock.db"), "method=file");
        Files.writeString(data.resolve("inventory-service.lock.db"), "method=file");

        // The pretend build's empty jars cannot run: each restart fails, after the lock was dealt with.
        assertThatThrownBy(() -> two.restart("payment-service", Duration.ofSeconds(30)))
                .hasMessageContaining("payment-service stopped while starting");
        assertThatThrownBy(() -> two.restart("inventory-service", Duration.ofSeconds(30)))
                .hasMessageContaining("inventory-service stopped while starting");

        assertThat(data.resolve("payment-service.lock.db")).doesNotExist();
        assertThat(data.resolve("inventory-service.lock.db")).as("inventory-service-2 has the database open").exists();
    }

    @Test
    void aTakenPortIsNamedAndNothingIsStarted() throws IOException {
        int gatewayPort = supervisor.stack().gatewayPort();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", gatewayPort));

            assertThatThrownBy(() -> supervisor.up(Duration.ofSeconds(30)))
                    .isInstanceOf(PlaygroundException.class)
                    .hasMessageContaining(gatewayPort + " (gateway)")
                    .satisfies(e -> assertThat(((PlaygroundException) e).exitCode()).isEqualTo(PlaygroundException.USAGE));
        }
        assertThat(supervisor.status()).noneMatch(Supervisor.Status::up);
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("started");
    }

    @Test
    void aProcessThatCannotStartIsNamedWithItsLogAndNothingIsLeftRunning() {
        // The pretend build has no Kafka on its class path: formatting the broker's storage fails.
        assertThatThrownBy(() -> supervisor.up(Duration.ofSeconds(60)))
                .isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("Kafka")
                .hasMessageContaining(".playground/logs/kafka.log")
                .satisfies(e -> assertThat(((PlaygroundException) e).exitCode()).isEqualTo(PlaygroundException.FAILED));

        assertThat(supervisor.status()).noneMatch(Supervisor.Status::up);
    }

    @Test
    void aMissingBuildIsExplained() throws IOException {
        Files.delete(home.resolve("gateway/target/gateway.jar"));

        assertThatThrownBy(() -> supervisor.up(Duration.ofSeconds(30)))
                .hasMessageContaining("gateway/target/gateway.jar")
                .hasMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void killingWhatDoesNotRunOrDoesNotExistIsAClearError() {
        assertThatThrownBy(() -> supervisor.kill("payment-service")).hasMessage("payment-service is not running.");
        assertThatThrownBy(() -> supervisor.kill("billing-service"))
                .hasMessageContaining("There is no process called 'billing-service'")
                .hasMessageContaining("payment-service");
    }

    @Test
    void statusListsEveryProcessAsDownWhenNothingRuns() {
        assertThat(supervisor.status()).hasSize(9).noneMatch(Supervisor.Status::up)
                .allSatisfy(s -> assertThat(s.health()).isEqualTo("-"));
        assertThat(supervisor.runningServices()).isEmpty();
    }

    @Test
    void stoppingOrBreakingWhatDoesNotRunSaysSo() {
        assertThatThrownBy(() -> supervisor.stop("kafka")).hasMessage("kafka is not running.");
        assertThatThrownBy(() -> supervisor.management().heal("order-service")).hasMessage("order-service is not running.");
        assertThatThrownBy(() -> supervisor.management().heal("gateway"))
                .hasMessageContaining("the services can: order-service, payment-service");
    }

    /** A sleeping shell for every process of the stack, marked and recorded as ours: a stack that runs. */
    private void pretendRunning(Stack running) throws IOException {
        supervisor.state().createFolders();
        for (Component c : running.components()) {
            Process process = new ProcessBuilder("sh", "-c", "sleep 60; :", pids.marker(c)).start();
            pretend.add(process);
            pids.record(c, process.toHandle());
        }
    }
}
