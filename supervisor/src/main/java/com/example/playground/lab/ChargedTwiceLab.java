package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Observe: payment-service gets an order's AuthorizePaymentCommand a second time (a redelivery, as
 * after a crash before the offset commit). The idempotent inbox skips it; with the
 * {@code consume-without-idempotency} switch on, the order is charged twice. The check wants an
 * order charged twice, the switch off, and a redelivery of its own that charges nothing; the
 * attendee answers how much the order took from alice's credit in all.
 */
final class ChargedTwiceLab implements Lab {

    private static final String SERVICE = "payment-service";
    private static final String TOPIC = "payment.commands";
    private static final String SWITCH = "consume-without-idempotency";
    private static final Pattern AMOUNT = Pattern.compile("\\d+(?:[.,]\\d+)?");

    @Override
    public About about() {
        return new About("charged-twice", "Charged twice: the inbox switched off", Level.BEGINNER, 20);
    }

    @Override
    public String goal() {
        return "Make payment-service charge one order twice by delivering its payment command again with the idempotency"
                + " check switched off; then switch it back on and see a redelivery charge nothing. Answer: how much did"
                + " that order take from alice's credit in all?";
    }

    @Override
    public String firstStep() {
        return "Place an order for alice (see the page), then deliver its payment command again:"
                + " ./playground redeliver payment-service --topic payment.commands --last";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "./playground redeliver payment-service --topic payment.commands --last sends the newest payment command"
                        + " payment-service has consumed once more, with the same message-id. Its answer says whether the"
                        + " inbox skipped it as a duplicate.",
                "The anti-pattern is a switch: ./playground switch payment-service consume-without-idempotency on."
                        + " Redeliver again with it on; ./playground faults payment-service shows it.",
                "An order's payments: curl -s \"http://127.0.0.1:8080/api/payments?orderId=ORDER_ID\"; alice's credit:"
                        + " curl -s http://127.0.0.1:8080/api/payments/customers/alice (she starts with 10000.00).",
                "Add up the amounts of the order's AUTHORIZED payments, switch the anti-pattern off"
                        + " (./playground switch payment-service consume-without-idempotency off), and answer:"
                        + " ./playground lab check charged-twice --answer AMOUNT");
    }

    @Override
    public String solution() {
        return """
                curl -s -X POST http://127.0.0.1:8080/api/orders -H 'Content-Type: application/json' \\
                     -d '{"customerId":"alice","items":[{"sku":"pen","quantity":1}],"saga":"orchestration"}'
                ./playground redeliver payment-service --topic payment.commands --last     # duplicate: yes, skipped
                ./playground switch payment-service consume-without-idempotency on
                ./playground redeliver payment-service --topic payment.commands --last     # duplicate: no, handled again
                curl -s "http://127.0.0.1:8080/api/payments?orderId=ORDER_ID"              # two AUTHORIZED payments of 1.20
                ./playground switch payment-service consume-without-idempotency off
                ./playground redeliver payment-service --topic payment.commands --last     # skipped again
                ./playground lab check charged-twice --answer 2.40
                The inbox keeps each message-id it handled in processed_message, in the same transaction as the
                charge; a copy with the same id is skipped. The switch turns that check off (and the domain's own
                guard, one payment per order), so the copy charged alice again: 2 x 1.20 = 2.40 for one pen.""";
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        List<PlacedOrder> orders = PlacedOrder.all(p);
        boolean switchedOn = p.management().broken(SERVICE).containsKey(SWITCH);
        Optional<Charged> twice = orders.stream().map(order -> Charged.of(p, order.id()))
                .filter(charged -> charged.authorized().size() >= 2).findFirst();
        if (!verdict.expect(twice.isPresent(), twice.map(c -> "order " + c.orderId() + " was charged "
                        + c.authorized().size() + " times").orElse(""),
                "no order has been charged twice yet: " + whyNot(orders, switchedOn))) {
            return;
        }
        Charged charged = twice.get();
        if (!verdict.expect(!switchedOn, SWITCH + " is off", SWITCH + " is still ON: switch it off"
                + " (./playground switch " + SERVICE + " " + SWITCH + " off), or every redelivery charges again")) {
            return;
        }
        holdsAgain(bench, orders, verdict);
        Optional<String> answer = bench.answer();
        Optional<BigDecimal> given = answer.flatMap(ChargedTwiceLab::amountIn);
        if (!verdict.expect(given.isPresent(), "you answered " + answer.orElse(""), answer.isEmpty()
                ? "answer the question: how much did order " + charged.orderId() + " take from alice's credit in all?"
                        + " ./playground lab check " + name() + " --answer AMOUNT"
                : "'" + answer.get() + "' is not an amount: give it like 2.40")) {
            return;
        }
        verdict.expect(given.get().compareTo(charged.total()) == 0,
                "order " + charged.orderId() + " took " + charged.total() + " in all",
                "order " + charged.orderId() + " did not take " + given.get() + " in all: add up the amounts of its"
                        + " AUTHORIZED payments, or compare alice's credit with the 10000.00 she started with");
    }

    /** The check's own redelivery of the newest payment command: the inbox must skip it and nothing be charged. */
    private static void holdsAgain(LabBench bench, List<PlacedOrder> orders, Verdict verdict) {
        RunningPlayground p = bench.playground();
        int before = authorized(p, orders);
        Object redelivered;
        try {
            redelivered = p.management().redeliver(SERVICE, Map.of("topic", TOPIC, "last", true));
        } catch (PlaygroundException e) {
            verdict.expect(false, "", "the check could not redeliver the newest payment command: " + e.getMessage());
            return;
        }
        String orderId = Json.text(redelivered, "orderId");
        if (orders.stream().noneMatch(order -> order.id().equals(orderId))) {
            verdict.expect(false, "", "the newest payment command is of order " + orderId + ", which was not placed"
                    + " since the lab started");
            return;
        }
        boolean consumed = "true".equals(Json.text(redelivered, "consumed"));
        boolean skipped = "true".equals(Json.text(redelivered, "skippedAsDuplicate"));
        int after = authorized(p, orders);
        verdict.expect(consumed && skipped && after == before,
                "the check delivered order " + orderId + "'s " + Json.text(redelivered, "messageType")
                        + " once more: skipped as a duplicate, no new payment",
                !consumed ? SERVICE + " did not consume the check's redelivery within 10 s: is it well?"
                        + " ./playground status"
                        : "the check delivered order " + orderId + "'s payment command once more and it was handled"
                                + " again: the idempotency check is not back");
    }

    /** How many AUTHORIZED payments these orders have in all. */
    private static int authorized(RunningPlayground p, List<PlacedOrder> orders) {
        return orders.stream().mapToInt(order -> Charged.of(p, order.id()).authorized().size()).sum();
    }

    private static String whyNot(List<PlacedOrder> orders, boolean switchedOn) {
        if (orders.isEmpty()) {
            return "no order has been placed since the lab started: place one for alice (see the page)";
        }
        return switchedOn
                ? SWITCH + " is ON: deliver the payment command again (./playground redeliver " + SERVICE + " --topic "
                        + TOPIC + " --last) and look at the order's payments"
                : "a redelivery is skipped while the idempotency check works: turn it off first"
                        + " (./playground switch " + SERVICE + " " + SWITCH + " on), then ./playground redeliver " + SERVICE
                        + " --topic " + TOPIC + " --last";
    }

    static Optional<BigDecimal> amountIn(String text) {
        Matcher found = AMOUNT.matcher(text);
        return found.find() ? Optional.of(new BigDecimal(found.group().replace(',', '.'))) : Optional.empty();
    }

    /** An order's AUTHORIZED payments, as payment-service's public API lists them. */
    record Charged(String orderId, List<BigDecimal> authorized) {

        static Charged of(RunningPlayground p, String orderId) {
            Http.Answer payments = p.get("/api/payments?orderId=" + orderId);
            List<BigDecimal> authorized = !payments.ok() ? List.of() : Json.listAt(Json.parse(payments.body())).stream()
                    .filter(payment -> "AUTHORIZED".equals(Json.text(payment, "status")))
                    .map(payment -> new BigDecimal(Json.text(payment, "amount"))).toList();
            return new Charged(orderId, authorized);
        }

        BigDecimal total() {
            return authorized.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** What an attendee does: an order, a redelivery skipped, one handled with the switch on, the switch off, one skipped. */
    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        Optional<String> orderId = RunningPlayground.orderId(p.placeOrder("orchestration"));
        if (orderId.isEmpty() || !"APPROVED".equals(awaitEnded(p, orderId.get()))) {
            bench.out().println("The order was not placed or not approved: is the stack well? ./playground status");
            return;
        }
        redeliver(bench);
        p.management().setSwitch(SERVICE, SWITCH, true);
        redeliver(bench);
        p.management().setSwitch(SERVICE, SWITCH, false);
        redeliver(bench);
        Charged charged = Charged.of(p, orderId.get());
        String total = charged.total().toPlainString();
        bench.out().printf("Order %s has %d AUTHORIZED payments, %s in all.%n", orderId.get(),
                charged.authorized().size(), total);
        bench.out().printf("The answer: %s (kept for 'lab check %s' without --answer)%n", total, name());
        bench.saveAnswer(name(), total);
    }

    private static void redeliver(LabBench bench) {
        Object answer = bench.playground().management().redeliver(SERVICE, Map.of("topic", TOPIC, "last", true));
        bench.out().printf("Redelivered %s of order %s: duplicate %s%n", Json.text(answer, "messageType"),
                Json.text(answer, "orderId"), Json.text(answer, "skippedAsDuplicate"));
    }

    /** The order's status once it is no longer PENDING, or PENDING after 30 s. */
    private static String awaitEnded(RunningPlayground p, String orderId) {
        return RunningPlayground.awaitUntil(() -> p.orderStatus(orderId), status -> !"PENDING".equals(status),
                Duration.ofSeconds(30));
    }
}
