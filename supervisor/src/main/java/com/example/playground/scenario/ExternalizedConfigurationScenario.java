package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Configuration;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Externalized configuration: order-service's breaker threshold changed at run time through the
 * settings overlay ({@code ./playground config set}), applied live by a refresh, and put back.
 */
final class ExternalizedConfigurationScenario implements Scenario {

    static final String APP = "order-service";
    static final String THRESHOLD = "resilience4j.circuitbreaker.instances.inventory-service.failure-rate-threshold";
    private static final Duration WITHIN = Duration.ofSeconds(10);
    /** Longer than Eureka's replication interval, the gateway's fetch interval and its cache, together (1 s each). */
    private static final Duration STEADY = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "externalized-configuration";
    }

    @Override
    public String shows() {
        return "order-service's breaker threshold changed at run time: on its actuator in seconds, no restart; "
                + "taken out, the packaged one is back";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Configuration config = p.supervisor().configuration();
        String packaged = threshold(p);
        long pid = pid(p.supervisor());

        Instant asked = Instant.now();
        Configuration.Applied applied = config.set(APP, Map.of(THRESHOLD, "75"));
        Duration shown = until(p, "75.0%", asked);
        report.figure("config set %s=75: applied in %.1f s; /actuator/circuitbreakers said 75.0%% after %.1f s",
                THRESHOLD, seconds(applied.took()), seconds(shown));
        report.check("applied live: a refresh, no restart", applied.live() && pid(p.supervisor()) == pid,
                "live=%s, pid %d before and %d after".formatted(applied.live(), pid, pid(p.supervisor())));
        report.check("the breaker's new threshold shows on order-service's actuator within seconds",
                threshold(p).equals("75.0%") && shown.compareTo(WITHIN) < 0,
                "%s after %.1f s (was %s)".formatted(threshold(p), seconds(shown), packaged));
        report.check("order-service's environment reports the new value",
                "75".equals(config.effective(APP, THRESHOLD)), "%s=%s".formatted(THRESHOLD, config.effective(APP, THRESHOLD)));
        // A refresh makes Spring Cloud register order-service with Eureka again: the gateway may not route
        // to it for a moment (its registry is fetched every second). Measured, then waited out.
        Duration unroutable = untilRoutable(p, asked);
        steadilyRoutable(p);
        report.figure("order-service routable through the gateway again %.1f s after the change was asked for"
                + " (the refresh registers it with Eureka anew)", seconds(unroutable));
        report.check("orders are taken meanwhile", p.placeOrder().status() == 201, "an order placed after the change");

        Instant reset = Instant.now();
        config.unset(APP, THRESHOLD);
        Duration back = until(p, packaged, reset);
        untilRoutable(p, reset);
        steadilyRoutable(p);
        report.check("taken out of the overlay, the packaged threshold is back", threshold(p).equals(packaged),
                "%s after %.1f s".formatted(threshold(p), seconds(back)));
    }

    /** How long after {@code since} a GET through the gateway reached order-service again (at most {@link #WITHIN}). */
    private static Duration untilRoutable(RunningPlayground p, Instant since) {
        // An order that does not exist: 404 from order-service itself, 503 from the gateway while it has no instance.
        while (p.get("/api/orders/routable-check").status() != 404
                && Duration.between(since, Instant.now()).compareTo(WITHIN) < 0) {
            pause(100);
        }
        return Duration.between(since, Instant.now());
    }

    /**
     * Until every GET through the gateway reached order-service for {@link #STEADY} in a row (at most
     * {@link #WITHIN}). The first one that does is not enough: the refresh's new registration reaches
     * Eureka within a second, its STARTING can still land in the gateway's next fetch, and the
     * scenario after this one then met a 503 "no instance of order-service" a few seconds in (seen in CI).
     */
    private static void steadilyRoutable(RunningPlayground p) {
        Instant deadline = Instant.now().plus(WITHIN);
        Instant routableSince = Instant.now();
        while (Duration.between(routableSince, Instant.now()).compareTo(STEADY) < 0 && Instant.now().isBefore(deadline)) {
            if (p.get("/api/orders/routable-check").status() != 404) {
                routableSince = Instant.now();
            }
            pause(100);
        }
    }

    /** Every fault healed, and the threshold out of the overlay if a failed run left it there. */
    @Override
    public void heal(RunningPlayground p) {
        p.healEverything();
        Configuration config = p.supervisor().configuration();
        if (config.overlay(APP).containsKey(THRESHOLD)) {
            Instant reset = Instant.now();
            config.unset(APP, THRESHOLD);
            untilRoutable(p, reset);
            steadilyRoutable(p);
        }
    }

    /** How long after {@code since} the breaker showed this threshold (or {@link #WITHIN}, if it never did). */
    private static Duration until(RunningPlayground p, String threshold, Instant since) {
        while (!threshold(p).equals(threshold) && Duration.between(since, Instant.now()).compareTo(WITHIN) < 0) {
            pause(100);
        }
        return Duration.between(since, Instant.now());
    }

    /** The failure-rate threshold order-service's breaker in front of inventory-service works with, e.g. "50.0%". */
    private static String threshold(RunningPlayground p) {
        return String.valueOf(Json.text(Json.parse(p.management().get(APP, "/actuator/circuitbreakers")),
                "circuitBreakers", "inventory-service", "failureRateThreshold"));
    }

    private static long pid(Supervisor supervisor) {
        return supervisor.status().stream().filter(s -> s.component().name().equals(APP)).findFirst()
                .map(s -> s.pid() == null ? -1L : s.pid()).orElse(-1L);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
