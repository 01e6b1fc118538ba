package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component.Kind;
import com.example.playground.testing.StubServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, registration and routability, against stand-ins for a management port, Eureka and the gateway. */
class ReadinessTests {

    @TempDir
    Path home;

    final StubServer management = new StubServer();
    final StubServer eureka = new StubServer();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    StateFolder state;
    Component orders;
    Stack stack;
    Process process;

    @BeforeEach
    void setUp() throws IOException {
        state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        orders = new Component("order-service", Kind.SERVICE, 1, management.port(), "32m", null);
        Component discovery = new Component("discovery", Kind.DISCOVERY, eureka.port(), 2, "32m", null);
        stack = new Stack(0, List.of(discovery, orders));
    }

    @AfterEach
    void tearDown() {
        management.close();
        eureka.close();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    Readiness readiness(Pids pids) {
        return new Readiness(state, stack, pids, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void healthIsWhatTheServiceSaysOfItselfOrDownWhenNothingAnswers() {
        Readiness readiness = readiness(new Pids(state));
        management.answer("GET /actuator/health", 200, "{\"components\":{\"db\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
        assertThat(readiness.health(orders)).isEqualTo("UP");

        management.answer("GET /actuator/health", 503, "{\"status\":\"OUT_OF_SERVICE\"}");
        assertThat(readiness.health(orders)).isEqualTo("OUT_OF_SERVICE");

        management.answer("GET /actuator/health", 500, "oops");
        assertThat(readiness.health(orders)).isEqualTo("HTTP 500");

        management.close();
        assertThat(readiness.health(orders)).isEqualTo("DOWN");
    }

    @Test
    void onlyAnInstanceEurekaListsAsUpCountsAsRegistered() {
        Object starting = Json.parse("{\"applications\":{\"application\":[{\"name\":\"ORDER-SERVICE\",\"instance\":"
                + "[{\"instanceId\":\"order-service:1\",\"status\":\"DOWN\",\"port\":{\"$\":1}}]},"
                + "{\"name\":\"GATEWAY\",\"instance\":[{\"instanceId\":\"gateway:1\",\"status\":\"UP\"}]}]}}");
        Object up = Json.parse(Json.write(starting).replace("\"DOWN\"", "\"UP\""));

        assertThat(Readiness.listed(starting, orders)).isTrue();
        assertThat(Readiness.listedUp(starting, orders)).isFalse();
        assertThat(Readiness.listedUp(up, orders)).isTrue();
        assertThat(Readiness.listed(Json.parse("{}"), orders)).isFalse();
    }

    @Test
    void waitsUntilHealthyAndListedUpThenSaysReady() throws IOException {
        Pids pids = runningPretend(orders);
        management.answer("GET /actuator/health", 200, "{\"status\":\"UP\"}");
        eureka.answer("GET /eureka/apps", 200, "{\"applications\":{\"application\":[{\"instance\":"
                + "[{\"instanceId\":\"order-service:1\",\"status\":\"UP\"}]}]}}");

        readiness(pids).await(List.of(orders), Instant.now(), Instant.now().plusSeconds(10));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ready   order-service");
    }

    @Test
    void whatRanAlreadyIsWaitedForWithoutSayingSo() throws IOException {
        runningPretend(orders);
        Pids anotherCommand = new Pids(state);
        management.answer("GET /actuator/health", 200, "{\"status\":\"UP\"}");
        eureka.answer("GET /eureka/apps", 200, "{\"applications\":{\"application\":[]}}");

        assertThatThrownBy(() -> readiness(anotherCommand).await(List.of(orders), Instant.now(),
                Instant.now().plusMillis(600))).hasMessageContaining("order-service (healthy;");

        eureka.answer("GET /eureka/apps", 200, "{\"applications\":{\"application\":[{\"instance\":"
                + "[{\"instanceId\":\"order-service:1\",\"status\":\"UP\"}]}]}}");
        readiness(anotherCommand).await(List.of(orders), Instant.now(), Instant.now().plusSeconds(10));
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("ready");
    }

    @Test
    void anInstanceIsRoutableOnlyOnceARequestThroughTheGatewayReachedItself() throws IOException {
        try (StubServer gateway = new StubServer()) {
            Component second = new Component("inventory-service-2", "inventory-service", Kind.SERVICE, 3,
                    management.port(), "32m", "/api/inventory/book");
            stack = new Stack(0, List.of(stack.component("discovery"), second,
                    new Component("gateway", Kind.GATEWAY, gateway.port(), 4, "32m", null)));
            Pids pids = runningPretend(second);
            management.answer("GET /actuator/health", 200, "{\"status\":\"UP\"}");
            eureka.answer("GET /eureka/apps", 200, "{\"applications\":{\"application\":[{\"instance\":"
                    + "[{\"instanceId\":\"inventory-service:3\",\"status\":\"UP\"}]}]}}");
            // The gateway answers, but (so far) from the other instance: this one has served nothing.
            gateway.answer("GET /api/inventory/book", 200, "{\"sku\":\"book\"}");

            assertThatThrownBy(() -> readiness(pids).await(List.of(second), Instant.now(), Instant.now().plusMillis(800)))
                    .hasMessageContaining("inventory-service-2 (registered;");

            management.answer("GET /actuator/metrics/http.server.requests", 200,
                    "{\"name\":\"http.server.requests\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":1.0}]}");
            readiness(pids).await(List.of(second), Instant.now(), Instant.now().plusSeconds(10));

            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ready   inventory-service-2");
            assertThat(gateway.requests()).extracting(StubServer.Request::path).contains("/api/inventory/book");
        }
    }

    @Test
    void aProcessThatIsLateIsNamedWithItsStageAndLog() throws IOException {
        Pids pids = runningPretend(orders);
        management.answer("GET /actuator/health", 200, "{\"status\":\"UP\"}");
        eureka.answer("GET /eureka/apps", 200, "{\"applications\":{\"application\":[]}}");

        assertThatThrownBy(() -> readiness(pids).await(List.of(orders), Instant.now(), Instant.now().plusMillis(600)))
                .hasMessageContaining("Timed out waiting for: order-service (healthy; log .playground/logs/order-service.log)");
    }

    @Test
    void aProcessThatStoppedWhileStartingIsExplainedWithTheEndOfItsLog() throws IOException {
        Files.writeString(state.logOf("order-service"), "Started\nAPPLICATION FAILED TO START\nPort in use\n");
        Pids pids = new Pids(state);

        assertThatThrownBy(() -> readiness(pids).await(List.of(orders), Instant.now(), Instant.now().plus(Duration.ofSeconds(5))))
                .hasMessageContaining("order-service stopped while starting")
                .hasMessageContaining("APPLICATION FAILED TO START");
    }

    /** A shell that sleeps, recorded as the component's process. */
    private Pids runningPretend(Component c) throws IOException {
        Pids pids = new Pids(state);
        process = new ProcessBuilder("sh", "-c", "sleep 30; :", pids.marker(c)).start();
        pids.record(c, process.toHandle());
        return pids;
    }
}
