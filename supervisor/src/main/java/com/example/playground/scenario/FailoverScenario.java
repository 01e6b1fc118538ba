package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import java.time.Duration;
import java.time.Instant;

/** Two instances of inventory-service behind the gateway: one dies, Eureka forgets it, no request fails. */
final class FailoverScenario implements Scenario {

    private static final String SERVICE = "inventory-service";
    private static final String SECOND = "inventory-service-2";

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public String shows() {
        return "two instances of inventory-service, one killed: the gateway stops routing to it within seconds";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        int instances = p.supervisor().stack().instancesOf(SERVICE);
        if (instances < 2) {
            report.check("two instances of inventory-service run (start with './playground up --instances "
                    + "inventory-service=2')", false, instances + " running");
            return;
        }
        // 8 requests a second through the gateway (well under its rate limit), for 15 s; one instance dies after 3 s.
        int failed = 0;
        int sent = 0;
        Instant start = Instant.now();
        Instant killedAt = null;
        Instant forgottenAt = null;
        while (Duration.between(start, Instant.now()).toMillis() < 15_000) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() >= 3000) {
                p.supervisor().kill(SECOND);
                killedAt = Instant.now();
            }
            if (killedAt != null && forgottenAt == null && !p.supervisor().registered(SECOND)) {
                forgottenAt = Instant.now();
            }
            sent++;
            failed += p.get("/api/inventory/book").status() == 200 ? 0 : 1;
            pause(125);
        }
        long forgotten = forgottenAt == null ? -1 : Duration.between(killedAt, forgottenAt).toMillis();
        report.figure("%d requests over 15 s through the gateway; %s killed at 3 s; Eureka dropped it %d ms later",
                sent, SECOND, forgotten);
        report.check("Eureka stops handing out the dead instance within 8 s (lease 3 s, eviction every 1 s)",
                forgotten >= 0 && forgotten <= 8000, forgotten < 0 ? "still registered" : forgotten + " ms");
        report.check("no request fails: one that meets the dead instance meanwhile is retried on the other",
                failed == 0, failed + " of " + sent + " failed");
        // heal() starts the killed instance again.
    }
}
