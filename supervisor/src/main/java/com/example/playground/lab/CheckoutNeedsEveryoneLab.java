package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The distributed monolith: order-service's {@code distributed-monolith} switch is on and
 * payment-service is down "for maintenance", so no order can be placed. The attendee finds the
 * synchronous call and switches it off; the check takes payment-service down itself, places orders,
 * wants every one accepted, and every one APPROVED once payment-service is back. The question asks
 * which service placing an order still needs synchronously afterwards: inventory-service, for prices.
 */
final class CheckoutNeedsEveryoneLab implements Lab {

    private static final String ORDERS = "order-service";
    private static final String PAYMENT = "payment-service";
    private static final String SWITCH = "distributed-monolith";
    private static final int ORDERS_PLACED = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Override
    public About about() {
        return new About("checkout-needs-everyone", "The checkout that needs everyone", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "payment-service is down for maintenance, and nobody can place an order, although the saga would take"
                + " the payment later. Make orders placeable while payment-service is down, without starting it. Then"
                + " answer: which other service must still answer while an order is placed?";
    }

    @Override
    public String firstStep() {
        return "Place an order (curl -i -X POST http://127.0.0.1:8080/api/orders -H 'Content-Type: application/json'"
                + " -d '{\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}]}') and read the problem's detail.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The 503 says order-service asked payment-service while it placed the order. The playground's design"
                        + " asks payment-service later, over Kafka, in the saga. What has been switched on in order-service?"
                        + " ./playground faults order-service",
                "./playground switch order-service distributed-monolith off. Place an order again: 201 PENDING, and it"
                        + " ends APPROVED once payment-service is back (within the saga's step timeout: 180 s in this lab).",
                "For the question: follow one order's trace in Zipkin (the X-Trace-Id header) and look at the calls"
                        + " order-service makes before it answers. Then ./playground lab check checkout-needs-everyone"
                        + " --answer SERVICE");
    }

    @Override
    public String solution() {
        return """
                ./playground faults order-service                            # distributed-monolith: ON
                ./playground switch order-service distributed-monolith off
                ./playground lab check checkout-needs-everyone --answer inventory-service
                With the switch on, placing an order asked payment-service for the customer's credit, synchronously,
                before anything was stored: payment-service down meant every order refused 503 dependency-unavailable.
                Switched off, the order is stored PENDING with its OrderPlaced; the saga's AuthorizePaymentCommand waits in
                Kafka until payment-service is back, and the order ends then. Placing an order still asks inventory-service
                for each line's price (Catalog, behind a retry and a breaker): with inventory-service down, orders are
                refused either way (docs/patterns/distributed-monolith.md).""";
    }

    /**
     * The saga's step timeout raised for the lab: payment-service stays down while the attendee works,
     * and its start in the check must not race the orders' deadlines on a slow machine.
     */
    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of("saga-orchestrator", Map.of("playground.saga.step-timeout", "180s"));
    }

    @Override
    public void start(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch(ORDERS, SWITCH, true);
        bench.supervisor().kill(PAYMENT);
        bench.out().println(PAYMENT + " is down for maintenance: leave it down.");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        boolean switchedOn = p.management().broken(ORDERS).containsKey(SWITCH);
        verdict.expect(!switchedOn, SWITCH + " is off in " + ORDERS, SWITCH + " is still on in " + ORDERS);
        if (!switchedOn) {
            ordersGoThroughWithoutPaymentService(bench, verdict);
        }
        Optional<String> answer = bench.answer();
        boolean right = answer.map(text -> text.toLowerCase(Locale.ROOT).contains("inventory")).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": placing an order asks inventory-service for prices",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer SERVICE"
                        : "'" + answer.get() + "' is not the service placing an order still asks synchronously:"
                                + " look at the spans of one order's POST in Zipkin");
    }

    /** payment-service taken down (if it runs), orders placed, payment-service started, every order approved. */
    private static void ordersGoThroughWithoutPaymentService(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        if (bench.supervisor().isRunning(PAYMENT)) {
            p.say("For this check " + PAYMENT + " is taken down, and started again afterwards.");
            bench.supervisor().kill(PAYMENT);
        }
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < ORDERS_PLACED; i++) {
            RunningPlayground.orderId(p.placeOrder("orchestration")).ifPresent(accepted::add);
        }
        bench.supervisor().start(PAYMENT, PATIENCE);
        long approved = accepted.stream().map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(60)))
                .filter("APPROVED"::equals).count();
        verdict.expect(accepted.size() == ORDERS_PLACED, "with " + PAYMENT + " down, " + ORDERS_PLACED + " of "
                + ORDERS_PLACED + " orders were accepted", "with " + PAYMENT + " down, " + accepted.size() + " of "
                + ORDERS_PLACED + " orders were accepted");
        verdict.expect(!accepted.isEmpty() && approved == accepted.size(), "once " + PAYMENT + " was back, all "
                + accepted.size() + " ended APPROVED", approved + " of " + accepted.size() + " ended APPROVED once "
                + PAYMENT + " was back");
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.playground().management().setSwitch(ORDERS, SWITCH, false);
        bench.out().println(ORDERS + ": " + SWITCH + " off.");
        bench.out().println("The answer: inventory-service (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), "inventory-service");
    }
}
