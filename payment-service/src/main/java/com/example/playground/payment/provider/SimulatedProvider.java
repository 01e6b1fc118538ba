package com.example.playground.payment.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated payment provider (a card network, say): a separate HTTP server that payment-service
 * runs beside itself on a loopback port of its own, so that calling it is a real remote call with
 * real timeouts. It authorises every amount it is asked for (the credit decision is ours) and is
 * idempotent by reference: asking again for the same order gives the same authorisation. Break it
 * with the fault target {@code payment-provider} of payment-service.
 */
class SimulatedProvider implements SmartLifecycle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final int port;
    private volatile HttpServer server;
    private volatile boolean running;
    private volatile boolean stopped;

    /** Binds a free loopback port at once, so its address is known before anything starts. */
    public SimulatedProvider() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            http.setExecutor(threads);
            http.createContext("/authorizations", this::authorize);
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("The simulated payment provider could not listen", e);
        }
    }

    @Override
    public void start() {
        // A server cannot start twice: one stopped (a Spring context paused and resumed, as the test
        // framework does) listens again on the same port, so the address given out stays true.
        if (stopped) {
            server = listen(port);
        }
        server.start();
        running = true;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        String reference = "POST".equals(exchange.getRequestMethod()) ? reference(exchange.getRequestBody().readAllBytes())
                : null;
        int status;
        Map<String, String> answer;
        if (reference == null) {
            status = 400;
            answer = Map.of("error", "POST a JSON body with a reference");
        } else {
            String id = authorizations.computeIfAbsent(reference, r -> "auth-" + UUID.randomUUID());
            status = 200;
            answer = Map.of("authorizationId", id, "reference", reference);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The request's {@code reference}, or null if the body is not JSON with a text reference. */
    private static String reference(byte[] body) {
        try {
            var reference = JSON.readTree(body).path("reference");
            return reference.isString() && !reference.asString().isBlank() ? reference.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        server.stop(0);
        stopped = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the Kafka listeners (which call it) start, after they stop.
        return Integer.MIN_VALUE + 1000;
    }
}
