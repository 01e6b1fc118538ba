package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Observe: the same declined order (bob has no credit) run by both saga styles. Both end REJECTED
 * with the stock released; the attendee compares who decided each step, and counts the messages
 * each style needed: each line of a saga's history is one message on a topic.
 */
final class TwoSagasOneOutcomeLab implements Lab {

    private static final String ORCHESTRATION = "orchestration";
    private static final String CHOREOGRAPHY = "choreography";

    @Override
    public About about() {
        return new About("two-sagas-one-outcome", "Two sagas, one outcome", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "bob's payments are always declined. Let bob order once with each saga style, see both end REJECTED with"
                + " the stock released, and compare how they got there: who decided each step, and how many messages"
                + " each put on the topics.";
    }

    @Override
    public String firstStep() {
        return "Place two orders for bob (1 book), one with \"saga\":\"orchestration\" and one with"
                + " \"saga\":\"choreography\" (see the page); then GET /api/sagas/{orderId} for each.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "GET /api/sagas/{orderId} shows both styles in the same shape: state, failureReason, and the steps,"
                        + " each with an outcome and a detail. Put the two side by side.",
                "Each line of a saga's steps is one message on a topic. In orchestration, a STARTED or COMPENSATING"
                        + " line is a command the orchestrator sent (its detail names it); every other line is an event"
                        + " a participant published.",
                "Count them in Zipkin too: in each order's trace, every 'TOPIC send' span is one message put on a"
                        + " topic (lab follow-an-order shows how to find a trace).",
                "Orchestration: OrderPlaced, then a command and its reply for each step it ran or undid. Choreography:"
                        + " only the events. Answer with both counts, orchestration first: ./playground lab check "
                        + name() + " --answer \"O C\"");
    }

    @Override
    public String solution() {
        return """
                Both orders end REJECTED and their book is RELEASED; the sagas' histories have the same steps.
                Orchestrated, 9 messages: OrderPlaced, then the orchestrator's ReserveStockCommand and the reply
                StockReserved, AuthorizePaymentCommand and PaymentDeclined, and to undo, ReleaseStockCommand and
                StockReleased, RejectOrderCommand and OrderRejected. The orchestrator decided every next step.
                Choreographed, 5 messages, all events: OrderPlaced, StockReserved, PaymentDeclined, StockReleased,
                OrderRejected. Nobody commanded: payment charged on hearing StockReserved, inventory released on
                hearing PaymentDeclined, order-service rejected on hearing StockReleased; the saga-orchestrator only
                wrote down what it heard. The 4 extra messages are the commands.
                  ./playground lab check two-sagas-one-outcome --answer "9 5\"""";
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        List<PlacedOrder> bobs = PlacedOrder.all(p).stream().filter(order -> "bob".equals(order.customer())).toList();
        Optional<PlacedOrder> orchestrated = ended(p, latest(bobs, ORCHESTRATION));
        Optional<PlacedOrder> choreographed = ended(p, latest(bobs, CHOREOGRAPHY));
        orchestrated.ifPresentOrElse(order -> outcome(p, order, verdict), () -> missing(ORCHESTRATION, verdict));
        choreographed.ifPresentOrElse(order -> outcome(p, order, verdict), () -> missing(CHOREOGRAPHY, verdict));
        if (orchestrated.isEmpty() || choreographed.isEmpty()) {
            return;
        }
        int o = orchestrated.get().steps().size();
        int c = choreographed.get().steps().size();
        Optional<String> answer = bench.answer();
        List<Integer> numbers = answer.map(Answers::numbers).orElse(List.of());
        if (!verdict.expect(numbers.size() == 2, "you answered \"" + answer.orElse("") + "\"", answer.isEmpty()
                ? "answer the question: how many messages did each saga put on the topics for bob's order?"
                        + " ./playground lab check " + name() + " --answer \"O C\" (O orchestrated, C choreographed)"
                : "'" + answer.get() + "' is not two numbers: give the orchestrated count first, then the choreographed"
                        + " one, in quotes: --answer \"O C\"")) {
            return;
        }
        if (o != c && numbers.get(0) == c && numbers.get(1) == o) {
            verdict.expect(false, "", "you gave the choreographed count first: the orchestrated one comes first");
            return;
        }
        verdict.expect(numbers.get(0) == o, "orchestration put " + o + " messages on the topics",
                "the orchestrated order's count is not " + numbers.get(0) + ": count the lines of its saga's steps again");
        verdict.expect(numbers.get(1) == c, "choreography put " + c + " messages on the topics",
                "the choreographed order's count is not " + numbers.get(1) + ": count the lines of its saga's steps"
                        + " again");
    }

    private static Optional<PlacedOrder> latest(List<PlacedOrder> orders, String style) {
        return orders.stream().filter(order -> style.equals(order.style())).findFirst();
    }

    /** The order again once its saga has ended (they take about a second), or as it is after 30 s. */
    private static Optional<PlacedOrder> ended(RunningPlayground p, Optional<PlacedOrder> order) {
        return order.map(placed -> RunningPlayground.awaitUntil(() -> PlacedOrder.find(p, placed.id()),
                PlacedOrder::sagaEnded, Duration.ofSeconds(30)));
    }

    private static void missing(String style, Verdict verdict) {
        verdict.expect(false, "", "bob has placed no order in " + style + " since the lab started: place one with"
                + " \"customerId\":\"bob\" and \"saga\":\"" + style + "\"");
    }

    private static void outcome(RunningPlayground p, PlacedOrder order, Verdict verdict) {
        verdict.expect("REJECTED".equals(order.status()), "bob's order in " + order.style() + " (" + order.id()
                + ") is REJECTED", "bob's order in " + order.style() + " (" + order.id() + ") is " + order.status()
                + ", not REJECTED");
        List<String> held = Json.listAt(Json.parse(reservations(p, order.id()))).stream()
                .map(line -> Json.text(line, "status")).toList();
        verdict.expect(!held.isEmpty() && held.stream().allMatch("RELEASED"::equals),
                "its stock was released", "its stock is " + held + ", not released");
    }

    private static String reservations(RunningPlayground p, String orderId) {
        Http.Answer answer = p.get("/api/inventory/reservations?orderId=" + orderId);
        return answer.ok() ? answer.body() : "[]";
    }

    /** What an attendee does: bob orders in each style; once both sagas ended, the two counts are kept as the answer. */
    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        String counts = "";
        for (String style : List.of(ORCHESTRATION, CHOREOGRAPHY)) {
            Http.Answer placed = p.post("/api/orders", "{\"customerId\":\"bob\",\"items\":[{\"sku\":\"book\","
                    + "\"quantity\":1}],\"saga\":\"" + style + "\"}");
            Optional<PlacedOrder> order = ended(p, RunningPlayground.orderId(placed).map(id -> PlacedOrder.find(p, id)));
            if (order.isEmpty()) {
                bench.out().println("bob's order in " + style + " was not placed (" + placed.status() + ")");
                return;
            }
            int messages = order.get().steps().size();
            bench.out().printf("bob's order in %s: %s, %s, %d lines in its saga's history%n", style, order.get().id(),
                    order.get().status(), messages);
            counts = (counts + " " + messages).trim();
        }
        bench.out().printf("The answer: \"%s\" (kept for 'lab check %s' without --answer)%n", counts, name());
        bench.saveAnswer(name(), counts);
    }
}
