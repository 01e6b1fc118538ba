package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Planted bug, in settings: the phone's backend for frontend waits 5 s for order-service, as long as
 * a browser would. With order-service slow, the phone's order list waits with it, instead of showing
 * the last known summary, marked stale, within 300 ms. The check makes order-service 1.5 s slow and
 * wants every ask of the phone answered stale in under 1 s.
 */
final class PatientPhoneLab implements Lab {

    private static final String GATEWAY = "gateway";
    private static final String TIME_LIMIT = "playground.gateway.bff.mobile.time-limit-ms";
    private static final int SLOW_MILLIS = 1500;
    /** The phone's packaged 300 ms, and room for a busy machine. */
    private static final long PHONE_PATIENCE_MILLIS = 1000;
    private static final int ASKS = 3;

    @Override
    public About about() {
        return new About("patient-phone", "The phone that waits", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "When order-service is slow, the phone app should show its orders at once, as they were a moment ago and"
                + " marked stale, while the browser waits for the whole order. Today the phone waits as long as the"
                + " browser. Make the phone impatient again.";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/backend-for-frontend.md, place an order, then ask for it as the phone does while"
                + " order-service is slow: ./playground break order-service --latency 1500, then"
                + " time curl -s http://127.0.0.1:8080/api/mobile/orders/ORDER_ID";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "How long did the phone's ask take, and is its answer stale? Ask the browser's BFF"
                        + " (/api/web/orders/ORDER_ID) too: what differs between the two?",
                "The phone's time limit is the mobile-bff route's response timeout, read from a setting of the gateway."
                        + " ./playground config diff gateway shows what differs from the packaged settings.",
                "./playground config reset gateway puts the packaged 300 ms back (it restarts the gateway)."
                        + " Then ./playground heal order-service and ./playground lab check patient-phone");
    }

    @Override
    public String solution() {
        return """
                The gateway's settings overlay held playground.gateway.bff.mobile.time-limit-ms=5000: the phone's BFF waited
                up to 5 s for order-service, as long as the browser's 2.5 s and more. With order-service 1.5 s slow, every
                ask of the phone took 1.5 s and came back fresh; its fallback, the last summary marked stale, never ran,
                since nothing failed. The phone's BFF exists to give the phone its own needs: a short wait, then the last
                known answer. The browser's BFF keeps its longer limit, and its own breaker.
                Fix: ./playground config reset gateway (a restart: a route's response timeout is read when its routes are
                built), then ./playground heal order-service""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of(GATEWAY, Map.of(TIME_LIMIT, "5000"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        p.management().heal("order-service");
        // An earlier check's failures may have left the phone's breaker open or half-open; judge the setting.
        p.management().closeBreaker(GATEWAY, "mobile-bff");
        Optional<String> placed = RunningPlayground.orderId(p.placeOrder());
        if (placed.isEmpty()) {
            verdict.expect(false, "", "no order could be placed to ask for: is the stack well? ./playground status");
            return;
        }
        String orderId = placed.get();
        p.awaitOrderEnded(orderId, Duration.ofSeconds(30));
        // Right after a gateway restart (the fix), its first answers may miss the phone's 300 ms: ask
        // until one is fresh, then forget the breaker's count of those misses.
        Http.Answer first = RunningPlayground.awaitUntil(() -> p.get("/api/mobile/orders/" + orderId),
                answer -> answer.ok() && "false".equals(Json.text(answer.json(), "stale")), Duration.ofSeconds(5));
        p.management().closeBreaker(GATEWAY, "mobile-bff");
        if (!verdict.expect(first.ok(), "the phone got order " + orderId + " while order-service was quick",
                "the phone's ask for order " + orderId + " answered " + first.status() + ": " + Json.text(first.json(), "type"))) {
            return;
        }
        long slowest = 0;
        int stale = 0;
        try {
            p.breakTarget("order-service", "inbound", Map.of("latency", SLOW_MILLIS));
            for (int i = 0; i < ASKS; i++) {
                Http.Answer answer = p.get("/api/mobile/orders/" + orderId);
                slowest = Math.max(slowest, answer.took().toMillis());
                if (answer.ok() && "true".equals(Json.text(answer.json(), "stale"))) {
                    stale++;
                }
            }
        } finally {
            p.management().heal("order-service");
        }
        verdict.expect(slowest < PHONE_PATIENCE_MILLIS && stale == ASKS,
                "with order-service %d ms slow, the phone's %d asks were answered stale, the slowest in %d ms"
                        .formatted(SLOW_MILLIS, ASKS, slowest),
                "with order-service %d ms slow, the phone waited up to %d ms, and %d of its %d answers were stale: it"
                        .formatted(SLOW_MILLIS, slowest, stale, ASKS)
                        + " waits as long as order-service takes, instead of answering the last summary at once");
    }
}
