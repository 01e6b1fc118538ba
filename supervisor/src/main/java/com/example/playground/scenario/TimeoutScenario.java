package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.percentile;

import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gateway's time limit: a hung service still gets its callers an answer in bounded time. */
final class TimeoutScenario implements Scenario {

    @Override
    public String name() {
        return "timeout";
    }

    @Override
    public String shows() {
        return "payment-service hangs: callers through the gateway still get an answer within its time limit";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        p.breakTarget("payment-service", "inbound", Map.of("hang", true));
        List<Duration> took = new ArrayList<>();
        boolean allFallbacks = true;
        for (int i = 0; i < 3; i++) {
            Http.Answer answer = p.get("/api/payments?orderId=timeout-scenario");
            took.add(answer.took());
            allFallbacks &= answer.status() == 503 && answer.body().contains("service-unavailable");
        }
        Duration slowest = percentile(took, 100);
        report.figure("payment-service hung; 3 requests through the gateway, slowest %d ms", slowest.toMillis());
        report.check("every caller gets the gateway's 503 problem instead of waiting forever", allFallbacks,
                "3 requests");
        report.check("within the time limit (response timeout 4 s, breaker limit 5 s)", slowest.toMillis() < 5500,
                slowest.toMillis() + " ms");
    }
}
