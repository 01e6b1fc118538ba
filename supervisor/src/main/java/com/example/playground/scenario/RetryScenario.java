package com.example.playground.scenario;

import java.util.Map;

/** order-service retries its calls to inventory-service: a fifth of them fail, every order still goes through. */
final class RetryScenario implements Scenario {

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public String shows() {
        return "every fifth call from order-service to inventory-service fails: retries absorb them, attempts are counted";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        double retriedBefore = retried(p);
        p.breakTarget("order-service", "inventory-service", Map.of("error-rate", 0.2));
        int orders = 20;
        int placed = 0;
        for (int i = 0; i < orders; i++) {
            placed += p.placeOrder().status() == 201 ? 1 : 0;
        }
        long retried = (long) (retried(p) - retriedBefore);
        report.figure("every fifth call to inventory-service failed; %d orders placed", orders);
        report.check("retries absorb the failures: every order is placed", placed == orders,
                "%d of %d".formatted(placed, orders));
        report.check("the retries happened and were counted", retried > 0,
                "%d calls succeeded on a later attempt".formatted(retried));
    }

    private static double retried(RunningPlayground p) {
        return p.management().metric("order-service", "resilience4j.retry.calls",
                Map.of("name", "inventory-service", "kind", "successful_with_retry"));
    }
}
