package com.example.playground.controlroom;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo traffic through the gateway, so breakers have calls to count: twice a second it places an
 * order (alice, one pen, the saga styles in turn), then reads that order's payments and its
 * details (order-service asks payment-service and inventory-service). Stops by itself after five
 * minutes.
 */
final class Traffic {

    static final Duration PERIOD = Duration.ofMillis(500);
    static final Duration LIMIT = Duration.ofMinutes(5);

    private final int gatewayPort;
    private final Activity activity;
    private final Http http = new Http(Http.PATIENT);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String last = "";
    private volatile Instant stopAt;
    private ScheduledFuture<?> running;
    private long round;

    Traffic(int gatewayPort, Activity activity) {
        this.gatewayPort = gatewayPort;
        this.activity = activity;
    }

    synchronized void start() {
        if (running != null) {
            return;
        }
        stopAt = Instant.now().plus(LIMIT);
        running = timer.scheduleWithFixedDelay(this::round, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        activity.add("traffic on: an order, its payments and its details twice a second (stops after 5 min)");
    }

    synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
            activity.add("traffic off after " + sent.get() + " requests, " + failed.get() + " failed");
        }
    }

    synchronized boolean on() {
        return running != null;
    }

    Map<String, Object> view() {
        return Map.of("on", on(), "sent", sent.get(), "failed", failed.get(), "last", last);
    }

    /** Places one order through the gateway, as the page's order buttons do; answers status and body. */
    Http.Answer placeOrder(String customerId, String sku, int quantity, String saga) {
        return http.post(gateway("/api/orders"), Json.write(Map.of("customerId", customerId,
                "items", List.of(Map.of("sku", sku, "quantity", quantity)), "saga", saga)));
    }

    private void round() {
        if (Instant.now().isAfter(stopAt)) {
            stop();
            return;
        }
        round++;
        Http.Answer placed = count("POST /api/orders", placeOrder("alice", "pen", 1,
                round % 2 == 0 ? "choreography" : "orchestration"));
        String orderId = Json.text(placed.json(), "orderId");
        if (orderId != null) {
            count("GET /api/payments", http.get(gateway("/api/payments?orderId=" + orderId)));
            count("GET /api/orders/{id}/details", http.get(gateway("/api/orders/" + orderId + "/details")));
        }
    }

    private Http.Answer count(String what, Http.Answer answer) {
        sent.incrementAndGet();
        if (answer.status() == 0 || answer.status() >= 500) {
            failed.incrementAndGet();
        }
        last = what + " -> " + (answer.status() == 0 ? "no answer" : answer.status());
        return answer;
    }

    private String gateway(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }
}
