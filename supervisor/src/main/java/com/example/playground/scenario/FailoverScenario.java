package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Two instances of inventory-service behind the gateway: one dies, Eureka forgets it, no request
 * fails. On a stack that runs inventory-service once, the scenario adds the second instance first
 * and stops it again when it heals, so the stack is left as it was found.
 */
final class FailoverScenario implements Scenario {

    private static final String SERVICE = "inventory-service";
    private static final String SECOND = "inventory-service-2";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** A started instance was routable within 13-26 s on a busy 2-core machine (docs/decisions.md). */
    private static final Duration ADDING_PROMISE = Duration.ofSeconds(45);

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
        Supervisor two = p.twoInstancesOf(SERVICE, "scenario");
        Instant asked = Instant.now();
        // Starts the second instance if it does not run (added now, or killed earlier by hand).
        if (two.up(PATIENCE)) {
            Duration adding = Duration.between(asked, Instant.now());
            report.figure("adding %s to the running stack took %.1f s (started, healthy, registered, routed to)",
                    SECOND, adding.toMillis() / 1000.0);
            report.check("a second instance joins the running stack within " + ADDING_PROMISE.toSeconds() + " s",
                    adding.compareTo(ADDING_PROMISE) <= 0, "%.1f s".formatted(adding.toMillis() / 1000.0));
        }
        double servedBefore = served(two);
        // 8 requests a second through the gateway (well under its rate limit), for 15 s; one instance dies after 3 s.
        int failed = 0;
        int sent = 0;
        int sentBeforeKill = 0;
        double servedByTheSecond = 0;
        Instant start = Instant.now();
        Instant killedAt = null;
        Instant forgottenAt = null;
        while (Duration.between(start, Instant.now()).toMillis() < 15_000) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() >= 3000) {
                servedByTheSecond = served(two) - servedBefore;
                sentBeforeKill = sent;
                two.kill(SECOND);
                killedAt = Instant.now();
            }
            if (killedAt != null && forgottenAt == null && !two.registered(SECOND)) {
                forgottenAt = Instant.now();
            }
            sent++;
            failed += p.get("/api/inventory/book").status() == 200 ? 0 : 1;
            pause(125);
        }
        long forgotten = forgottenAt == null ? -1 : Duration.between(killedAt, forgottenAt).toMillis();
        report.figure("%d requests over 15 s through the gateway; %s killed at 3 s; Eureka dropped it %d ms later",
                sent, SECOND, forgotten);
        report.check("the gateway spread the requests over both instances before the kill",
                servedByTheSecond > 0, "%s answered %.0f of the first %d".formatted(SECOND, servedByTheSecond,
                        sentBeforeKill));
        report.check("Eureka stops handing out the dead instance within 8 s (lease 3 s, eviction every 1 s)",
                forgotten >= 0 && forgotten <= 8000, forgotten < 0 ? "still registered" : forgotten + " ms");
        report.check("no request fails: one that meets the dead instance meanwhile is retried on the other",
                failed == 0, failed + " of " + sent + " failed");
    }

    /**
     * Heals faults and switches and starts what is stopped; on a stack that ran inventory-service
     * once, that is its one instance again: {@code up} of the stack as found stops the added one.
     */
    @Override
    public void heal(RunningPlayground p) {
        p.backToOneIfAdded(SERVICE, "scenario");
        p.healEverything();
    }

    /** How many API requests the second instance has answered so far (its own count). */
    private static double served(Supervisor two) {
        return two.management().metric(SECOND, "http.server.requests", Map.of());
    }
}
