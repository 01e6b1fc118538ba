package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Http;
import java.util.List;
import java.util.Map;

/**
 * The gateway's bulkhead per route, set on purpose: 32 calls at once to one slow service are all
 * answered. Left at Resilience4j's default (25) the same calls got the fallback's 503 with nothing
 * broken. Each call is held 500 ms by the service, so all 32 are in flight together; 32 is under the
 * rate limit's burst of 40, so the rate limit does not need lifting.
 */
final class GatewayBulkheadScenario implements Scenario {

    private static final String SERVICE = "inventory-service";
    private static final int CALLERS = 32;
    private static final String MAX = "resilience4j.bulkhead.max.allowed.concurrent.calls";

    @Override
    public String name() {
        return "gateway-bulkhead";
    }

    @Override
    public String shows() {
        return "32 slow calls at once through the gateway: its bulkhead per route lets every one through";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        int cap = (int) p.management().metric("gateway", MAX, Map.of("name", SERVICE));
        report.figure("the gateway's bulkhead for %s: at most %d calls in flight", SERVICE, cap);
        pause(2500); // let the rate limit's bucket fill up after whatever ran before
        p.breakTarget(SERVICE, "inbound", Map.of("latency", 500));
        List<Http.Answer> answers = p.getAtOnce("/api/inventory/book", CALLERS);
        long answered = answers.stream().filter(Http.Answer::ok).count();
        long busy = answers.stream().filter(a -> a.status() == 503 && a.body().contains("gateway-busy")).count();
        long limited = answers.stream().filter(a -> a.status() == 429).count();
        long slowest = answers.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0);
        report.figure("%d calls at once, each held 500 ms by %s: %d answered, %d refused as gateway-busy, %d rate-limited;"
                + " slowest %d ms", CALLERS, SERVICE, answered, busy, limited, slowest);
        report.check("the bulkhead leaves room for " + CALLERS + " calls at once", cap >= CALLERS, "at most " + cap);
        report.check("every one of the " + CALLERS + " calls is answered, none refused by the gateway",
                answered == CALLERS, answered + " of " + CALLERS + " answered");
    }
}
