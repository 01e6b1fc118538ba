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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's refusals and failures, on a pretend build (empty jars) with ports moved far
 * away: what the user is told, the exit code, and that nothing is left running.
 */
class SupervisorTests {

    // Below the ephemeral port range (32768 and up on Linux), where outgoing connections take their
    // local ports: an offset up there collided with one now and then.
    static final int OFFSET = 22_000;

    @TempDir
    Path home;

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Supervisor supervisor;

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
}
