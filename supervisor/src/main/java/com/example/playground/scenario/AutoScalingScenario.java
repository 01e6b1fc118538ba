package com.example.playground.scenario;

import com.example.playground.scenario.SlowBurst.Result;
import com.example.playground.supervisor.AutoscaleRule;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;

/**
 * Auto-scaling: inventory-service under the rule {@code inventory-service=1..3}, which the control
 * room's autoscaler follows on the service's consumer lag, meets a {@link SlowBurst}: a burst of
 * orders faster than one instance handles them builds lag; the autoscaler adds an instance, which
 * registers with Eureka and takes partitions; the quiet after the burst takes it away again. No
 * order is lost (every one APPROVED), none reserved twice (the stock fell by exactly as many), and
 * every GET to inventory-service meanwhile is answered.
 */
final class AutoScalingScenario implements Scenario {

    private static final AutoscaleRule RULE = new AutoscaleRule(SlowBurst.SERVICE, 1, 3);
    /** Measured on 2 cores: 5 s of lag to decide, then a JVM start under load (docs/patterns/auto-scaling.md). */
    private static final Duration OUT_BOUND = Duration.ofSeconds(45);
    /** The lag of the burst drains, 15 s of quiet to decide, then a clean stop. */
    private static final Duration IN_BOUND = Duration.ofSeconds(90);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** The rules the run found (usually none), put back by the heal. */
    private volatile List<AutoscaleRule> rulesFound;

    @Override
    public String name() {
        return "auto-scaling";
    }

    @Override
    public String shows() {
        return "inventory-service scaled by the supervisor on its consumer lag: a burst it handles too slowly brings a"
                + " second instance, the quiet after takes it away; no order lost, none reserved twice, no GET refused";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Supervisor found = p.supervisor();
        rulesFound = found.autoscaleRules();
        // No other rule acts meanwhile; a step under way finishes first.
        found.autoscale(List.of());
        SlowBurst.awaitIdle(found);
        if (found.stack().instancesOf(SlowBurst.SERVICE) > 1) {
            p.say("The stack runs " + SlowBurst.SERVICE + " more than once: back to one for this scenario (put back afterwards).");
            found.scaled(SlowBurst.SERVICE, 1).up(PATIENCE);
        }
        if (!report.check("the control room runs (its process runs the autoscaler)", SlowBurst.autoscaler(found).isPresent(),
                "http://127.0.0.1:" + found.stack().controlRoomPort() + "/api/autoscaler")) {
            return;
        }
        String sku = SlowBurst.sku(p);
        if (!report.check("enough stock for the burst", SlowBurst.enoughStock(p, sku),
                sku + " (./playground reset gives fresh stock)")) {
            return;
        }
        found.autoscale(List.of(RULE));
        if (!report.check("the autoscaler follows " + RULE, SlowBurst.follows(found, RULE.toString()),
                "GET /api/autoscaler of the control room")) {
            return;
        }
        Result r = SlowBurst.run(p, sku);

        report.figure("%d orders placed over %d s (%d refused); %d GETs of /api/inventory/%s, %d not answered 200;"
                + " lag peaked at %d", r.orders(), SlowBurst.BURST.toSeconds(), r.refused(), r.gets(), sku,
                r.failedGets(), r.peak());
        report.figure("placed -> ended (order-service's timestamps): median %s, slowest %s; the saga's step deadline"
                + " gives a stock command 60 s", seconds(r.medianWait()), seconds(r.slowestWait()));
        report.figure("lag passed %d at %s; scale-out decided at %s, the instance ready at %s, holding partitions of %s at %s",
                SlowBurst.LAG, r.at(r.lagPassed()), r.out().map(s -> r.at(s.decided())).orElse("never"),
                r.out().map(s -> r.at(s.done())).orElse("never"), SlowBurst.TOPIC, r.at(r.holds()));
        report.figure("burst ended at %s; scale-in decided at %s, done at %s", r.at(r.burstEnded()),
                r.in().map(s -> r.at(s.decided())).orElse("never"), r.in().map(s -> r.at(s.done())).orElse("never"));

        Duration outTook = r.outTook();
        report.check("scaled out to 2 instances within " + OUT_BOUND.toSeconds() + " s of the lag passing " + SlowBurst.LAG,
                outTook != null && outTook.compareTo(OUT_BOUND) <= 0 && r.out().get().failure() == null,
                outTook == null ? "no step to 2" : seconds(outTook) + (r.out().get().failure() == null ? ""
                        : ", failed: " + r.out().get().failure()));
        report.check("the new instance registered with Eureka and took partitions of " + SlowBurst.TOPIC, r.holds() != null,
                r.holds() == null ? "it held none" : SlowBurst.SECOND + " held some at " + r.at(r.holds()));
        Duration inTook = r.inTook();
        report.check("scaled back in to 1 within " + IN_BOUND.toSeconds() + " s of the burst's end",
                inTook != null && inTook.compareTo(IN_BOUND) <= 0 && !r.secondStillRuns(),
                inTook == null ? "no step back to 1" : seconds(inTook));
        report.check("every order placed was APPROVED: no stock command or reply lost",
                r.orders() > 0 && r.refused() == 0 && r.approved() == r.orders(),
                "%d of %d APPROVED, %d refused".formatted(r.approved(), r.orders(), r.refused()));
        report.check("the stock fell by exactly the orders approved: none reserved twice",
                r.stockBefore() - r.stockAfter() == r.approved(),
                "%d -> %d %s, %d approved".formatted(r.stockBefore(), r.stockAfter(), sku, r.approved()));
        report.check("every GET to inventory-service answered 200 during both steps", r.gets() > 0 && r.failedGets() == 0,
                "%d of %d".formatted(r.gets() - r.failedGets(), r.gets()));
    }

    /** The rules as found (usually none), every fault healed, and the stack back to the size it was found at. */
    @Override
    public void heal(RunningPlayground p) {
        Supervisor found = p.supervisor();
        List<AutoscaleRule> putBack = rulesFound == null ? found.autoscaleRules() : rulesFound;
        found.autoscale(List.of());
        SlowBurst.heal(p);
        found.up(PATIENCE);
        found.autoscale(putBack);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
