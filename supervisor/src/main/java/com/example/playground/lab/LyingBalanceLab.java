package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event sourcing: payment-service's stored balance for alice says 10000.00 although two payments
 * were taken, because the balance projection was switched to corrupt; her ledger of events says
 * what is true. The attendee reads the truth off the ledger, finds the switch, and rebuilds the
 * balances from the ledger; the answer is alice's balance as her ledger folds it.
 */
final class LyingBalanceLab implements Lab {

    private static final String SERVICE = "payment-service";
    private static final String SWITCH = "balance-projection-corrupt";
    private static final String LEDGER = "/api/payments/customers/alice/events";

    @Override
    public About about() {
        return new About("lying-balance", "The balance that lies", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "alice's stored credit says she spent nothing, though she bought two pens: find the true balance in her"
                + " ledger of events, stop what corrupts the stored balances, and fold them again from the ledger"
                + " (./playground rebuild payment-service). Answer: what is alice's true balance?";
    }

    @Override
    public String firstStep() {
        return "Compare curl -s http://127.0.0.1:8080/api/payments/customers/alice with her ledger,"
                + " curl -s http://127.0.0.1:8080/api/payments/customers/alice/events (see the page).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "payment-service keeps alice's credit twice: a stored balance (GET /api/payments/customers/alice) and the"
                        + " ledger of events it is folded from (GET /api/payments/customers/alice/events). Compare balance"
                        + " with storedBalance.",
                "What has been switched on in payment-service? ./playground faults payment-service lists its switches.",
                "./playground switch payment-service balance-projection-corrupt off stops the drift but mends nothing;"
                        + " curl -s http://127.0.0.1:8182/actuator/rebuild lists the balances that drifted.",
                "./playground rebuild payment-service folds every balance again from its ledger. Then answer with alice's"
                        + " balance as her ledger folds it: ./playground lab check lying-balance --answer AMOUNT");
    }

    @Override
    public String solution() {
        return """
                ./playground faults payment-service                                 # balance-projection-corrupt: ON
                ./playground switch payment-service balance-projection-corrupt off
                curl -s http://127.0.0.1:8080/api/payments/customers/alice/events   # balance 9997.60, storedBalance 10000.00
                ./playground rebuild payment-service                                # corrected alice: 10000.00 stored, 9997.60 in its ledger
                ./playground lab check lying-balance --answer 9997.60
                The switch made payment-service write each payment's event to alice's ledger but leave her stored
                balance as it was. The ledger is the truth (10000.00 opened, two payments of 1.20: 9997.60); the stored
                balance is a projection of it, so the rebuild folds it again from the events.""";
    }

    @Override
    public void start(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch(SERVICE, SWITCH, true);
        for (int pen = 0; pen < 2; pen++) {
            RunningPlayground.orderId(p.placeOrder("orchestration")).ifPresent(id -> bench.out().printf(
                    "alice bought a pen: order %s %s.%n", id, p.awaitOrderEnded(id, Duration.ofSeconds(30))));
        }
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        boolean switchedOn = p.management().broken(SERVICE).containsKey(SWITCH);
        verdict.expect(!switchedOn, SWITCH + " is off", SWITCH + " is still on in " + SERVICE);
        Map<String, Object> balances = p.management().readModel(SERVICE);
        List<Object> drifted = Json.listAt(balances, "drifted");
        verdict.expect(drifted.isEmpty(), "every stored balance equals its ledger's fold", drifted.size()
                + " stored balance(s) differ from their ledger (" + String.join(", ", drifted.stream()
                        .map(account -> Json.text(account, "customerId") + ": " + Json.money(account, "stored") + " stored, "
                                + Json.money(account, "folded") + " in the ledger").toList()) + ")");
        String rebuilds = Json.text(balances, "rebuilds");
        verdict.expect(rebuilds != null && Double.parseDouble(rebuilds) > 0,
                "the balances were rebuilt from the ledger since the lab started",
                "the balances have not been rebuilt since the lab started: ./playground rebuild " + SERVICE);
        String truth = Json.money(p.get(LEDGER).json(), "balance");
        Optional<String> answer = bench.answer();
        Optional<BigDecimal> given = answer.flatMap(ChargedTwiceLab::amountIn);
        if (given.isEmpty()) {
            verdict.expect(false, "", answer.isEmpty()
                    ? "answer the question: what is alice's true balance? ./playground lab check " + name() + " --answer AMOUNT"
                    : "'" + answer.get() + "' is not an amount: give it like 9999.99");
            return;
        }
        verdict.expect(truth != null && given.get().compareTo(new BigDecimal(truth)) == 0,
                "you answered " + given.get().toPlainString() + ": alice's ledger folds to " + truth,
                given.get().toPlainString() + " is not what alice's ledger folds to: add up its events, or read its balance");
    }

    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch(SERVICE, SWITCH, false);
        p.management().rebuild(SERVICE, Duration.ofSeconds(30));
        String truth = Json.money(p.get(LEDGER).json(), "balance");
        bench.out().printf("payment-service: the switch off, the balances folded again; alice's ledger folds to %s.%n", truth);
        bench.out().printf("The answer: %s (kept for 'lab check %s' without --answer)%n", truth, name());
        bench.saveAnswer(name(), truth);
    }
}
