package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Planted bug, in settings: order-service retries inventory-service ten times at a fixed 100 ms,
 * without jitter. When inventory-service fails, every caller hammers it in step, and each order
 * keeps the customer waiting for attempts that cannot help.
 */
final class RetryStormLab implements Lab {

    private static final String RETRY = "resilience4j.retry.instances.inventory-service.";
    private static final int ORDERS = 5;

    @Override
    public About about() {
        return new About("retry-storm", "The retry that hammers a failing neighbour", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "When inventory-service fails, an order must try it at most 3 times, with waits that differ from caller"
                + " to caller (jitter). Today the retry tries until the breaker stops it, in lockstep. Fix the settings.";
    }

    @Override
    public String firstStep() {
        return "Break inventory-service for order-service (./playground break order-service --target inventory-service"
                + " --error-rate 1), place a few orders, and read order-service's /actuator/retryevents/inventory-service.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Count the attempts of one order in /actuator/retryevents/inventory-service (numberOfAttempts), and"
                        + " look at the times between them. Are they the same for every order?",
                "./playground config diff order-service shows which retry settings differ from the packaged ones.",
                "Three attempts are plenty for a call that fails fast; waits that grow and are spread at random keep"
                        + " many callers from retrying in step (exponential backoff with jitter).",
                "./playground config reset order-service puts the packaged retry back: 3 attempts, 100 ms then 200 ms,"
                        + " each +-50 % at random. It applies live, without a restart.");
    }

    @Override
    public String solution() {
        return """
                order-service's retry around inventory-service had been set (in its settings overlay) to 10 attempts,
                a fixed 100 ms wait, no exponential backoff and no randomized wait. A failing inventory-service then got
                every caller's retries at the same moments (a retry storm), and each order waited through attempts the
                circuit breaker finally cut off. The packaged retry makes 3 attempts with waits of about 100 ms then
                200 ms, each +-50 % at random (jitter), so callers spread out and give up quickly with a clear 503.
                Fix: ./playground config reset order-service (it applies live: retry settings refresh without a restart)""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of("order-service", Map.of(
                RETRY + "max-attempts", "10",
                RETRY + "enable-exponential-backoff", "false",
                RETRY + "enable-randomized-wait", "false"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        p.breakTarget("order-service", "inventory-service", Map.of("error-rate", 1));
        int mostAttempts = 0;
        List<Long> firstWaits = new ArrayList<>();
        try {
            for (int i = 0; i < ORDERS; i++) {
                // Judge the retry, not a breaker opened by the order before.
                p.management().closeBreaker("order-service", "inventory-service");
                Instant before = Instant.now();
                p.placeOrder();
                List<Object> events = Json.listAt(Json.parse(p.management().get("order-service",
                        "/actuator/retryevents/inventory-service")), "retryEvents").stream()
                        .filter(e -> at(e).isAfter(before)).toList();
                for (Object e : events) {
                    mostAttempts = Math.max(mostAttempts, Integer.parseInt(Json.text(e, "numberOfAttempts")));
                }
                if (events.size() >= 2) {
                    firstWaits.add(Duration.between(at(events.get(0)), at(events.get(1))).toMillis());
                }
            }
        } finally {
            p.management().heal("order-service");
        }
        verdict.expect(mostAttempts > 0 && mostAttempts <= 3, "no order tried inventory-service more than 3 times",
                mostAttempts == 0 ? "no retry was seen: is the fault on order-service's call to inventory-service?"
                        : "an order tried inventory-service " + mostAttempts + " times; 3 attempts are plenty");
        long spread = firstWaits.isEmpty() ? 0
                : firstWaits.stream().mapToLong(Long::longValue).max().orElse(0) - firstWaits.stream().mapToLong(Long::longValue).min().orElse(0);
        verdict.expect(firstWaits.size() >= 3 && spread >= 10,
                "the waits before the second attempt differed between orders (" + firstWaits + " ms): jitter",
                "the waits before the second attempt were " + firstWaits + " ms: the same for every order, so many"
                        + " callers retry in step; they need jitter");
    }

    /** When a retry event happened: its creationTime, without the zone name Resilience4j appends. */
    private static Instant at(Object event) {
        String time = Json.text(event, "creationTime");
        int zone = time.indexOf('[');
        return java.time.OffsetDateTime.parse(zone < 0 ? time : time.substring(0, zone)).toInstant();
    }
}
