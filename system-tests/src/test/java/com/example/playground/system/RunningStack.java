package com.example.playground.system;

import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real stack, started through the supervisor exactly as {@code ./playground up} starts it, on
 * ports moved by {@value #PORT_OFFSET} so it can run beside a developer's own playground, with a
 * fresh state folder under target/. Talks to it only through the gateway, like a user.
 */
final class RunningStack {

    /** 20000 unless set: a second checkout can run its system tests beside this one on another offset. */
    static final int PORT_OFFSET = Integer.getInteger("playground.system-tests.port-offset", 20000);
    static final Duration SAGA_DEADLINE = Duration.ofSeconds(20);

    private static RunningStack instance;

    final Supervisor supervisor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private RunningStack(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** Starts the stack once per test JVM and stops it when the JVM ends, whatever the tests did. */
    static synchronized RunningStack get() {
        if (instance == null) {
            // Two instances of inventory-service: every test then also runs against a scaled-out service.
            Supervisor supervisor = supervisorOf(Stack.withPortOffset(PORT_OFFSET)
                    .withInstances(Map.of("inventory-service", 2)));
            Runtime.getRuntime().addShutdownHook(new Thread(supervisor::down, "stack-down"));
            supervisor.up(Duration.ofMinutes(6));
            instance = new RunningStack(supervisor);
        }
        return instance;
    }

    /** Whether the shared stack has been started in this JVM (it then runs until the JVM ends). */
    static synchronized boolean started() {
        return instance != null;
    }

    /**
     * A supervisor of the system tests' playground (its ports, its state folder with fresh data,
     * short saga deadlines) for this stack. The state folder keeps the class-data archives, so a
     * stack started after another one in this JVM does not train them again.
     */
    static Supervisor supervisorOf(Stack stack) {
        Path home = Path.of(System.getProperty("playground.home", "..")).toAbsolutePath().normalize();
        Path state = home.resolve("system-tests/target/playground-state");
        deleteRecursively(state.resolve("data"));
        Supervisor supervisor = new Supervisor(home, state, stack, System.out);
        // Short saga deadlines, so a participant can be "down past the deadline" within a test. In
        // the settings overlay, not on the command line (which would win over it): a later test can
        // change them with supervisor.configuration() like any other setting.
        supervisor.configuration().resetAll();
        supervisor.configuration().set("saga-orchestrator",
                Map.of("playground.saga.step-timeout", SAGA_DEADLINE.toSeconds() + "s"));
        supervisor.configuration().set("order-service",
                Map.of("playground.orders.choreography-timeout", SAGA_DEADLINE.toSeconds() + "s"));
        return supervisor;
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
    }

    JsonNode json(String text) {
        return json.readTree(text);
    }

    /** A GET anywhere (a management port, say): the body as text. */
    String getAbsolute(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(gateway(path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(gateway(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST with headers of the caller's choosing (an Idempotency-Key, say). */
    Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : json.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + supervisor.stack().gatewayPort() + path);
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
