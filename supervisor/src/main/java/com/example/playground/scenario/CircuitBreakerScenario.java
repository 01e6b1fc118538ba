package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;
import static com.example.playground.scenario.RunningPlayground.percentile;

import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** order-service's breaker in front of inventory-service: opens on failures, refuses fast, closes once healed. */
final class CircuitBreakerScenario implements Scenario {

    @Override
    public String name() {
        return "circuit-breaker";
    }

    @Override
    public String shows() {
        return "inventory-service fails for order-service: its breaker opens, answers fast while open, and closes once healed";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        p.breakTarget("order-service", "inventory-service", Map.of("error-rate", 1));
        Instant broken = Instant.now();
        int calls = 0;
        while (!state(p).equals("OPEN") && calls < 20) {
            p.placeOrder();
            calls++;
        }
        report.check("the breaker opens once 5 calls in its 10 s window failed (3 attempts per order)",
                state(p).equals("OPEN"),
                "OPEN after %d orders, %d ms".formatted(calls, Duration.between(broken, Instant.now()).toMillis()));

        List<Duration> open = new ArrayList<>();
        boolean allProblems = true;
        for (int i = 0; i < 10; i++) {
            Http.Answer answer = p.placeOrder();
            open.add(answer.took());
            allProblems &= answer.status() == 503 && answer.body().contains("circuit breaker is open");
        }
        Duration median = percentile(open, 50);
        report.figure("while OPEN: 10 orders, median %d ms, slowest %d ms", median.toMillis(),
                percentile(open, 100).toMillis());
        report.check("while open, every order is refused at once with a 503 problem", allProblems, "10 of 10");
        report.check("the fallback is fast (median under 100 ms)", median.toMillis() < 100, median.toMillis() + " ms");

        p.management().heal("order-service");
        Instant healed = Instant.now();
        while (!state(p).equals("HALF_OPEN") && Duration.between(healed, Instant.now()).toSeconds() < 15) {
            pause(200);
        }
        report.check("after its open wait (5 s) it lets trial calls through: HALF_OPEN", state(p).equals("HALF_OPEN"),
                "after %d ms".formatted(Duration.between(healed, Instant.now()).toMillis()));
        int placed = 0;
        for (int i = 0; i < 3; i++) {
            placed += p.placeOrder().status() == 201 ? 1 : 0;
        }
        report.check("three good trial calls close it again: CLOSED", state(p).equals("CLOSED"),
                "%d of 3 trial orders placed".formatted(placed));
    }

    private static String state(RunningPlayground p) {
        return p.breakerState("order-service", "inventory-service");
    }
}
