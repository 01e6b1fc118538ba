package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Planted bug, in code: the composed order details ask payment-service and inventory-service
 * through one bulkhead instead of one each, so a hung payment-service uses up the threads the
 * inventory half needs, and every answer loses both halves.
 */
final class SharedBulkheadLab implements Lab {

    private static final int CALLERS = 8;

    @Override
    public About about() {
        return new About("shared-bulkhead", "One slow neighbour takes both halves down", Level.INTERMEDIATE, 25);
    }

    @Override
    public String goal() {
        return "With payment-service hung, GET /api/orders/{id}/details must still show the inventory half (the"
                + " reservations) at once, for 8 callers at the same time. Today it loses it. Find why, fix the code.";
    }

    @Override
    public String firstStep() {
        return "Place an order, hang payment-service (./playground break payment-service --hang), and ask for the"
                + " order's details from several terminals at once (see the page).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The inventory half is marked unavailable although inventory-service is well. What stands between"
                        + " order-service and inventory-service that payment-service could use up?",
                "order-service's management port lists its bulkheads: /actuator/metrics/resilience4j.bulkhead.available.concurrent.calls"
                        + " and /actuator/bulkheads. Which bulkhead do the two calls of the details go through?",
                "Look at the annotations on order-service's Neighbours: each dependency should get its own pool.");
    }

    @Override
    public String solution() {
        return """
                order-service's Neighbours.reservationsOf went through the PAYMENT bulkhead: @Bulkhead(name = PAYMENT).
                Both halves of the details then queued for one pool of 4 threads and 8 places; with payment-service hung,
                its calls held every thread, the inventory calls waited behind them until their time limit (1 s), and
                the answer lost its inventory half too. A bulkhead isolates only what it separates: one per dependency,
                @Bulkhead(name = INVENTORY) on reservationsOf. Rebuild and restart: ./playground restart order-service""";
    }

    @Override
    public Optional<CodePlant> plant() {
        return Optional.of(new CodePlant("order-service",
                "order-service/src/main/java/com/example/playground/order/details/Neighbours.java",
                "@Bulkhead(name = INVENTORY, type = Bulkhead.Type.THREADPOOL)\n    @TimeLimiter(name = INVENTORY)",
                "@Bulkhead(name = PAYMENT, type = Bulkhead.Type.THREADPOOL)\n    @TimeLimiter(name = INVENTORY)"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Optional<String> orderId = RunningPlayground.orderId(p.placeOrder());
        if (!verdict.expect(orderId.isPresent(), "an order to ask about was placed",
                "no order could be placed: is the stack well? ./playground status")) {
            return;
        }
        String details = "/api/orders/" + orderId.get() + "/details";
        // An open payment breaker refuses at once and frees the pool: judge the bulkheads, not an earlier run.
        p.management().closeBreaker("order-service", "payment-service");
        // Once with everything well, all callers at once: order-service may just have been rebuilt and
        // restarted, and its first calls are slow (cold code, new connections) whatever the bulkheads do.
        p.getAtOnce(details, CALLERS);
        p.breakTarget("payment-service", "inbound", Map.of("hang", true));
        int inventoryHalves = 0;
        int paymentHalves = 0;
        try {
            for (Http.Answer answer : p.getAtOnce(details, CALLERS)) {
                Object body = answer.json();
                long tookMs = Json.at(body, "reservations", "tookMs").map(ms -> Long.parseLong(String.valueOf(ms))).orElse(-1L);
                inventoryHalves += "true".equals(Json.text(body, "reservations", "available")) && tookMs < 500 ? 1 : 0;
                paymentHalves += "true".equals(Json.text(body, "payments", "available")) ? 1 : 0;
            }
        } finally {
            p.management().heal("payment-service");
        }
        verdict.expect(inventoryHalves == CALLERS,
                "with payment-service hung, all " + CALLERS + " callers got the inventory half at once",
                "with payment-service hung, only " + inventoryHalves + " of " + CALLERS + " callers got the inventory"
                        + " half within 500 ms; inventory-service is well, so all should");
        verdict.expect(paymentHalves == 0, "the payment half was marked unavailable, not waited for",
                paymentHalves + " answers had a payment half although payment-service hung: was it really broken?");
    }
}
