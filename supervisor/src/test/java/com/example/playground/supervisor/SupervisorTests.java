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
    void statusListsEveryProcessWithItsPorts() {
        supervisor.printStatus();

        String status = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).contains("gateway", "order-service", "kafka", "zipkin", "discovery");
        assertThat(status.lines().filter(line -> line.contains(" down "))).hasSize(9);
        assertThat(status).contains("control-room", String.valueOf(8090 + OFFSET));
        assertThat(status).contains(String.valueOf(8080 + OFFSET), String.valueOf(8181 + OFFSET));
    }

    @Test
    void aStalePidFileOfSomeoneElsesProcessIsNotOurs() throws IOException {
        Files.createDirectories(home.resolve(".playground/run"));
        // Our own pid: alive, but its command line carries no playground marker.
        Files.writeString(home.resolve(".playground/run/order-service.pid"), Long.toString(ProcessHandle.current().pid()));

        assertThat(supervisor.pidOf(supervisor.stack().component("order-service"))).isEmpty();
    }

    @Test
    void onlyAnInstanceEurekaListsAsUpCountsAsRegistered() {
        Component orders = supervisor.stack().component("order-service");
        String id = orders.registryId();
        String starting = "{\"applications\":{\"application\":[{\"name\":\"ORDER-SERVICE\",\"instance\":[{\"instanceId\":\""
                + id + "\",\"hostName\":\"127.0.0.1\",\"app\":\"ORDER-SERVICE\",\"status\":\"DOWN\",\"port\":{\"$\":1}}]},"
                + "{\"name\":\"GATEWAY\",\"instance\":[{\"instanceId\":\"gateway:1\",\"status\":\"UP\"}]}]}}";

        assertThat(Supervisor.listedUp(starting, orders)).isFalse();
        assertThat(Supervisor.listedUp(starting.replace("\"DOWN\"", "\"UP\""), orders)).isTrue();
    }
}
