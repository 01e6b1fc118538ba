package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.awaitUntil;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import com.example.playground.supervisor.PlaygroundException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Event sourcing: carol's credit is a ledger of events in payment-service (nothing else touches it,
 * so on a fresh stack it opens at 10000.00). With the balance projection corrupt, an order's charge
 * reaches the ledger but not the stored balance; a rebuild folds it again from the ledger to exactly
 * what it was less 25.00 (9975.00 on a fresh stack). The ledger answers as of any moment, and a
 * double charge (the idempotency check off, the payment command delivered again) shows as two events
 * of one order that explain the balance.
 */
final class EventSourcingScenario implements Scenario {

    private static final String SERVICE = "payment-service";
    private static final String CUSTOMER = "carol";
    private static final String LEDGER = "/api/payments/customers/" + CUSTOMER + "/events";
    private static final String CORRUPT = "balance-projection-corrupt";
    private static final String NO_IDEMPOTENCY = "consume-without-idempotency";
    private static final BigDecimal TWO_BOOKS = new BigDecimal("25.00");

    @Override
    public String name() {
        return "event-sourcing";
    }

    @Override
    public String shows() {
        return "carol's credit as a ledger of events: a corrupted balance folded back exactly (to 9975.00 on a fresh"
                + " stack), its value as of any moment, a double charge explained by two events";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Object start = p.get(LEDGER).json();
        BigDecimal before = amount(start, "balance");
        Object newest = Json.listAt(start, "latest").stream().reduce((first, second) -> second).orElse(null);
        String beforeTheOrder = Json.text(newest, "occurredAt");
        report.figure("carol's ledger: %s events, folding to %s", Json.text(start, "events"), before.toPlainString());

        p.say(CORRUPT + " on in " + SERVICE + "; carol orders two books (25.00)...");
        p.management().setSwitch(SERVICE, CORRUPT, true);
        Optional<String> order = RunningPlayground.orderId(p.post("/api/orders", """
                {"customerId":"carol","items":[{"sku":"book","quantity":2}],"saga":"orchestration"}"""));
        String status = order.map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(30))).orElse(null);
        p.management().setSwitch(SERVICE, CORRUPT, false);
        Object ledger = p.get(LEDGER).json();
        report.figure("the order %s; the ledger: %s events, folding to %s; the stored balance says %s", status,
                Json.text(ledger, "events"), money(ledger, "balance"), money(ledger, "storedBalance"));
        report.check("the charge is an AUTHORIZED event of 25.00 in the ledger",
                "APPROVED".equals(status) && authorized(ledger, order.orElse("")) == 1
                        && amount(ledger, "balance").compareTo(before.subtract(TWO_BOOKS)) == 0,
                "order " + status + ", ledger " + money(ledger, "balance"));
        report.check("with the projection corrupt, the stored balance drifted from its ledger",
                amount(ledger, "storedBalance").compareTo(amount(ledger, "balance")) != 0,
                "stored " + money(ledger, "storedBalance") + ", folded " + money(ledger, "balance"));

        p.say("./playground rebuild payment-service: every balance folded again from its ledger...");
        Management.Rebuilt rebuilt = p.management().rebuild(SERVICE, Duration.ofSeconds(30));
        BigDecimal credit = amount(p.get("/api/payments/customers/" + CUSTOMER).json(), "credit");
        report.figure("rebuild: %s balances folded again from %s events in %s ms, %d corrected", Json.text(rebuilt.after(), "rows"),
                Json.text(rebuilt.after(), "eventsRead"), Json.text(rebuilt.answer(), "tookMillis"),
                Json.listAt(rebuilt.answer(), "corrected").size());
        report.check("rebuilt from the ledger, the balance is exactly what it was less 25.00 (" + before.subtract(TWO_BOOKS)
                + ")", credit.compareTo(before.subtract(TWO_BOOKS)) == 0, credit.toPlainString());

        Object then = p.get(LEDGER + "?asOf=" + URLEncoder.encode(String.valueOf(beforeTheOrder), StandardCharsets.UTF_8))
                .json();
        report.check("as of the moment before the order, the ledger says " + before,
                amount(then, "balance").compareTo(before) == 0, money(then, "balance") + " from "
                        + Json.text(then, "events") + " events");

        p.say(NO_IDEMPOTENCY + " on; the order's payment command delivered again...");
        p.management().setSwitch(SERVICE, NO_IDEMPOTENCY, true);
        String redelivered = order.isPresent() ? redeliverLastCommand(p) : "nothing: no order was placed";
        Object twice = awaitUntil(() -> p.get(LEDGER).json(), l -> authorized(l, order.orElse("")) >= 2, Duration.ofSeconds(10));
        p.management().setSwitch(SERVICE, NO_IDEMPOTENCY, false);
        BigDecimal charged = before.subtract(TWO_BOOKS).subtract(TWO_BOOKS);
        report.figure("redelivered: %s; the ledger: %d AUTHORIZED events of the order, balance %s", redelivered,
                authorized(twice, order.orElse("")), money(twice, "balance"));
        report.check("the double charge shows as two AUTHORIZED events of one order, which explain " + charged,
                authorized(twice, order.orElse("")) == 2 && amount(twice, "balance").compareTo(charged) == 0
                        && amount(twice, "storedBalance").compareTo(charged) == 0,
                authorized(twice, order.orElse("")) + " events, balance " + money(twice, "balance") + ", stored "
                        + money(twice, "storedBalance"));
    }

    /** The newest payment command payment-service consumed, handled once more: the order's, as nothing else runs. */
    private static String redeliverLastCommand(RunningPlayground p) {
        try {
            Object answer = p.management().redeliver(SERVICE, Map.of("topic", "payment.commands", "last", true));
            return "order " + Json.text(answer, "orderId") + ", handled again: "
                    + !"true".equals(Json.text(answer, "skippedAsDuplicate"));
        } catch (PlaygroundException e) {
            return "could not: " + e.getMessage();
        }
    }

    private static long authorized(Object ledger, String orderId) {
        return Json.listAt(ledger, "latest").stream()
                .filter(line -> "AUTHORIZED".equals(Json.text(line, "kind")) && orderId.equals(Json.text(line, "orderId")))
                .count();
    }

    /** An amount of an answer, or -1.00 if it has none. */
    private static BigDecimal amount(Object tree, String field) {
        String money = Json.money(tree, field);
        return money == null ? new BigDecimal("-1.00") : new BigDecimal(money);
    }

    private static String money(Object tree, String field) {
        return amount(tree, field).toPlainString();
    }
}
