package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.time.Instant;

/** The gateway's token bucket per client: everything passes below the limit, 429s with Retry-After past it. */
final class RateLimitScenario implements Scenario {

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public String shows() {
        return "requests below the gateway's rate limit all pass; past it, 429s with Retry-After";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        pause(2500); // let the bucket fill up after whatever ran before
        int refusedSlow = 0;
        for (int i = 0; i < 30; i++) {
            refusedSlow += p.get("/api/inventory/book").status() == 429 ? 1 : 0;
            pause(100); // 10 per second: half the limit
        }
        report.check("below the limit (10/s for 3 s) no request is refused", refusedSlow == 0,
                refusedSlow + " of 30 refused");
        int refusedFast = 0;
        boolean retryAfter = true;
        Instant started = Instant.now();
        for (int i = 0; i < 150; i++) {
            Http.Answer answer = p.get("/api/inventory/book");
            if (answer.status() == 429) {
                refusedFast++;
                retryAfter &= answer.header("Retry-After").isPresent() && answer.body().contains("rate-limited");
            }
        }
        long millis = Math.max(1, Duration.between(started, Instant.now()).toMillis());
        report.figure("past the limit: 150 requests in %d ms (%d/s)", millis, 150_000 / millis);
        report.check("past the limit requests are refused with 429", refusedFast > 0, refusedFast + " of 150 refused");
        report.check("every 429 says when to come back (Retry-After) and is a rate-limited problem", retryAfter,
                refusedFast + " checked");
    }
}
