package com.example.playground.payment.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.SmartLifecycle;

/**
 * The simulated payment provider (a card network, say): a separate HTTP server that payment-service
 * runs beside itself on a loopback port of its own, so that calling it is a real remote call with
 * real timeouts. It authorises every amount it is asked for (the credit decision is ours) and is
 * idempotent by reference: asking again for the same order gives the same authorisation. Break it
 * with the fault target {@code payment-provider} of payment-service.
 */
class SimulatedProvider implements SmartLifecycle {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final HttpServer server;
    private volatile boolean running;

    /** Binds a free loopback port at once, so its address is known before anything starts. */
    public SimulatedProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The simulated payment provider could not listen", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/authorizations", this::authorize);
    }

    @Override
    public void start() {
        server.start();
        running = true;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher reference = REFERENCE.matcher(body);
        int status;
        String answer;
        if (!"POST".equals(exchange.getRequestMethod()) || !reference.find()) {
            status = 400;
            answer = "{\"error\":\"POST a JSON body with a reference\"}";
        } else {
            String id = authorizations.computeIfAbsent(reference.group(1), r -> "auth-" + UUID.randomUUID());
            status = 200;
            answer = "{\"authorizationId\":\"" + id + "\",\"reference\":\"" + reference.group(1) + "\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void stop() {
        server.stop(0);
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
