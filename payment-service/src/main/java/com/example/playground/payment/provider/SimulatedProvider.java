package com.example.playground.payment.provider;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.InjectedFaultException;
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
 * with the fault target {@code payment-provider} of payment-service: behind a sidecar the fault
 * is applied here, in the provider, where the sidecar sees it (a late answer, a hang, a 503);
 * otherwise payment-service's client applies it. {@code GET /health} is never broken: it is what
 * the sidecar's health check asks.
 */
class SimulatedProvider implements SmartLifecycle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The JDK's server writes an answer's headers and body apart; with Nagle's algorithm on, a
        // kept-alive HttpURLConnection then waited for its own delayed ACK: 40 ms a call, measured by
        // the sidecar scenario. The provider is the only JDK HttpServer in payment-service.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    /** Enough for a sidecar's retries to find a free thread while earlier attempts still hang. */
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    /** Set when the provider applies the faults itself (behind a sidecar); null when the client does. */
    private final Faults faults;
    private final int port;
    private volatile HttpServer server;
    private volatile boolean running;
    private volatile boolean stopped;

    /**
     * Binds the port at once (0: any free one), so its address is known before anything starts.
     * {@code faults} given: a fault at {@code payment-provider} is applied here.
     */
    SimulatedProvider(int port, Faults faults) {
        this.faults = faults;
        server = listen(port);
        this.port = server.getAddress().getPort();
        if (faults != null) {
            faults.declare(PaymentProvider.NAME, "the payment provider itself, behind the sidecar");
        }
    }

    private HttpServer listen(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            http.setExecutor(threads);
            http.createContext("/authorizations", this::authorize);
            http.createContext("/health", exchange -> answer(exchange, 200, Map.of("status", "UP")));
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
        if (faults != null) {
            try {
                faults.inject(PaymentProvider.NAME);
            } catch (InjectedFaultException e) {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, 503, Map.of("error", e.getMessage()));
                return;
            }
        }
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
        answer(exchange, status, answer);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> answer) throws IOException {
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
