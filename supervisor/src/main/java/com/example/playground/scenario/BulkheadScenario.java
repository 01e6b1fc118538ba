package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.percentile;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The composed order details: a hung payment-service holds only its own half, behind its own bulkhead. */
final class BulkheadScenario implements Scenario {

    private static final int CALLERS = 8;

    @Override
    public String name() {
        return "bulkhead";
    }

    @Override
    public String shows() {
        return "payment-service hangs: composed order details still get their inventory half at once";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Optional<String> orderId = RunningPlayground.orderId(p.placeOrder());
        if (orderId.isEmpty()) {
            report.check("an order to look at", false, "could not place one");
            return;
        }
        String details = "/api/orders/" + orderId.get() + "/details";
        p.breakTarget("payment-service", "inbound", Map.of("hang", true));
        List<Duration> took = new ArrayList<>();
        List<Long> inventoryMs = new ArrayList<>();
        int inventoryAnswered = 0;
        int paymentAnswered = 0;
        for (Http.Answer answer : p.getAtOnce(details, CALLERS)) {
            Object body = answer.json();
            took.add(answer.took());
            if (Json.at(body, "reservations", "tookMs").isPresent()) {
                inventoryMs.add(Long.parseLong(Json.text(body, "reservations", "tookMs")));
                inventoryAnswered += "true".equals(Json.text(body, "reservations", "available")) ? 1 : 0;
            }
            paymentAnswered += "true".equals(Json.text(body, "payments", "available")) ? 1 : 0;
        }
        long slowestInventory = inventoryMs.stream().mapToLong(Long::longValue).max().orElse(-1);
        Duration slowest = percentile(took, 100);
        report.figure("payment-service hung; %d callers at once; inventory half at most %d ms; "
                + "whole answers at most %d ms", CALLERS, slowestInventory, slowest.toMillis());
        report.check("every caller still gets the inventory half", inventoryAnswered == CALLERS,
                inventoryAnswered + " of " + CALLERS);
        report.check("and gets it at once (under 500 ms), not after the slow half",
                slowestInventory >= 0 && slowestInventory < 500, slowestInventory + " ms at most");
        report.check("the payment half is marked unavailable instead of holding the answer", paymentAnswered == 0,
                (CALLERS - paymentAnswered) + " of " + CALLERS + " unavailable");
        report.check("no whole answer waits for the slow service (time limit 1 s)", slowest.toMillis() < 2000,
                slowest.toMillis() + " ms at most");
    }
}
