package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Planted bug, in settings: order-service waits 6 s for inventory-service, longer than the gateway's
 * 4 s. When inventory-service is slow, the gateway tells the customer the order failed, and
 * order-service places it anyway a moment later: a ghost order, approved and charged.
 */
final class TimeoutBudgetLab implements Lab {

    private static final String READ_TIMEOUT = "spring.http.clients.read-timeout";
    /**
     * A second longer than the gateway's 4 s, so it gives up, and a second shorter than the planted
     * 6 s, so order-service does not, even on a busy machine. The packaged 1 s cuts every attempt. It is inventory-service's
     * own inbound latency: a fault on order-service's outbound target sleeps in the client before the
     * socket is read, and no read timeout cuts it (a 2 s one there placed the order after 2.2 s).
     */
    private static final int LATENCY_MS = 5000;
    /** Until then order-service may still be waiting for inventory-service (a 6 s read timeout, started at once). */
    private static final Duration STILL_WORKING = Duration.ofMillis(7000);
    /** Until then a placed order shows in the saga list (its OrderPlaced relayed and consumed: ~1 s seen). */
    private static final Duration SHOWS_BY = Duration.ofSeconds(12);

    @Override
    public About about() {
        return new About("timeout-budget", "The failed order that was placed anyway",
                Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "With inventory-service slow (5 s), a customer who is told the order failed must find no order placed."
                + " Today the gateway answers 503 after 4 s and order-service places the order anyway. Fix the settings.";
    }

    @Override
    public String firstStep() {
        return "Make inventory-service slow (./playground break inventory-service --latency 5000), place an order with"
                + " time curl through the gateway, heal, and list the sagas (see the page).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Two things wait for inventory-service's answer: the gateway (for order-service) and order-service itself."
                        + " Which of them gives up first, and what does the other one do then?",
                "The gateway gives up after 4 s (its response-timeout). How long does order-service wait for one answer"
                        + " of inventory-service, and how many times does it try?",
                "./playground config diff order-service shows what differs from the packaged settings.",
                "Every attempt of order-service together (3 x the read timeout, plus the waits between them) must end"
                        + " before the gateway's 4 s. ./playground config reset order-service " + READ_TIMEOUT
                        + " puts the packaged 1 s back (it restarts order-service).");
    }

    @Override
    public String solution() {
        return """
                order-service's read timeout for inventory-service had been set to 6 s (spring.http.clients.read-timeout
                in its settings overlay), longer than the gateway's response timeout of 4 s. With inventory-service
                answering after 5 s, the gateway gave up first and told the customer 503, while order-service went on
                waiting, got its answer, stored the order and published OrderPlaced: the saga approved it and charged
                alice for an order she was told had failed. A timeout budget shrinks inwards: each layer gives up before
                its caller does. The packaged 1 s x 3 attempts plus ~300 ms of backoff is about 3.5 s, under the
                gateway's 4 s, so order-service answers its own 503 ("nothing was stored") before the gateway gives up.
                Fix: ./playground config reset order-service""" + " " + READ_TIMEOUT + " (a restart: HTTP clients read"
                + " their timeouts at start)";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of("order-service", Map.of(READ_TIMEOUT, "6s"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        List<String> inventories = bench.instancesOf("inventory-service");
        // Judge the timeouts, not a breaker that an attendee's own tries opened.
        p.management().closeBreaker("order-service", "inventory-service");
        Instant asked = Instant.now();
        Http.Answer answer;
        try {
            inventories.forEach(instance -> p.breakTarget(instance, "inbound", Map.of("latency", LATENCY_MS)));
            answer = p.placeOrder();
            // Heal only once order-service has stopped waiting: healing earlier would end the slowness it waits through.
            RunningPlayground.pause(Math.max(0, Duration.between(Instant.now(), asked.plus(STILL_WORKING)).toMillis()));
        } finally {
            inventories.forEach(instance -> p.management().heal(instance));
        }
        String told = told(answer);
        if (!verdict.expect(answer.status() != 201, "the customer was told the order failed: " + told,
                "the order was placed (201 after %.1f s): the gateway waited that long for order-service, which waited"
                        .formatted(seconds(answer.took()))
                        + " for a slow inventory-service; order-service must give up first, with its own answer")) {
            return;
        }
        List<PlacedOrder> ghosts = placedSince(p, asked);
        verdict.expect(ghosts.isEmpty(), "no order was placed behind the customer's back",
                ghosts.isEmpty() ? "" : "order " + ghosts.get(0).id() + " was placed after the customer was told it failed"
                        + " (" + told + "); it is " + ghosts.get(0).status() + ": order-service waited longer for"
                        + " inventory-service than the gateway waited for order-service");
    }

    /** Who answered the customer, and when: order-service's own 503 or the gateway's, which timed out waiting. */
    private static String told(Http.Answer answer) {
        String type = Objects.requireNonNullElse(Json.text(answer.json(), "type"), "");
        String who = type.endsWith("dependency-unavailable") ? "order-service's own " + answer.status()
                : type.endsWith("service-unavailable") ? "the gateway's " + answer.status()
                : "HTTP " + answer.status();
        return "%s after %.1f s".formatted(who, seconds(answer.took()));
    }

    /** The orders placed since then, waiting until an order placed at the last moment would show. */
    private static List<PlacedOrder> placedSince(RunningPlayground p, Instant since) {
        return RunningPlayground.awaitUntil(() -> PlacedOrder.all(p).stream()
                        .filter(order -> order.createdAt() != null && !order.createdAt().isBefore(since.minusSeconds(1)))
                        .toList(),
                placed -> !placed.isEmpty(), Duration.between(Instant.now(), since.plus(SHOWS_BY)));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
