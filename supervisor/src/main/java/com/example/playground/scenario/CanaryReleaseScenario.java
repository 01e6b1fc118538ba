package com.example.playground.scenario;

import com.example.playground.supervisor.Canary;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canary release (docs/patterns/canary-release.md): inventory-canary, a second version of
 * inventory-service, is smoke-tested through the gateway and given 20 per cent of the reads of the
 * book; both versions answer. Then the canary goes bad (every request to its API fails), and the
 * control room, not this scenario, sets its share back to 0 once more than 5 per cent of its reads
 * fail; from then on every read is the stable version's again. The reads go on all along, paced
 * below the gateway's rate limit, and each is counted by who answered ({@code X-Served-By}).
 */
final class CanaryReleaseScenario implements Scenario {

    private static final int SHARE = 20;
    private static final int READS = 100;
    /** About 14 reads a second: below the gateway's rate limit (20 a second per client address). */
    private static final long PACE_MILLIS = 70;
    /** The longest the rollback may take after the canary went bad: the guard's 10 s window, with room. */
    static final Duration ROLLBACK_BOUND = Duration.ofSeconds(15);
    private static final String PATH = "/api/inventory/book";

    private Integer before;
    private Supervisor with;

    @Override
    public String name() {
        return "canary-release";
    }

    @Override
    public String shows() {
        return "inventory-canary smoke-tested and given 20 % of inventory reads, then broken: the control room rolls it"
                + " back to 0 on its own within 15 s, and every read after is the stable version's";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        with = p.withOptIn(Canary.NAME, "scenario");
        Canary canary = with.canary();
        before = canary.share();
        if (before > 0) {
            canary.share(0);
        }
        Duration smoke = canary.share(SHARE);
        Reads healthy = read(p, READS);

        with.management().breakTarget(Canary.NAME, "inbound", Map.of("error-rate", 1));
        Instant broken = Instant.now();
        Reads bad = new Reads();
        Instant rolledBack = null;
        while (Instant.now().isBefore(broken.plus(ROLLBACK_BOUND))) {
            bad.add(p.get(PATH));
            if (canary.share() == 0) {
                rolledBack = Instant.now();
                break;
            }
            RunningPlayground.pause(PACE_MILLIS);
        }
        Reads after = read(p, READS);
        Object guard = Json.object(new Http(Http.QUICK).get(Http.local(with.stack().controlRoomPort(), "/api/canary")).body());
        List<Object> rollbacks = Json.listAt(guard, "rollbacks");
        Object last = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);

        report.figure("smoke test through the gateway (X-Canary: true): answered after %.1f s", smoke.toMillis() / 1000.0);
        report.figure("at %d %%, %d reads: %s", SHARE, READS, healthy.served);
        report.figure("canary broken (every request to its API fails); %s", rolledBack == null
                ? "still at " + canary.share() + " % after " + ROLLBACK_BOUND.toSeconds() + " s"
                : "share 0 after %.1f s".formatted(Duration.between(broken, rolledBack).toMillis() / 1000.0));
        report.figure("reads meanwhile: %s", bad.served);
        report.figure("the control room's reason: %s", last == null ? "none" : Json.text(last, "why"));
        report.figure("after the rollback, %d reads: %s", READS, after.served);

        report.check("both versions answer at " + SHARE + " %, every read a 200 with the book",
                healthy.failed.isEmpty() && healthy.count(Canary.REGISTERED_AS) > 0 && healthy.count(Canary.SERVICE) > 0,
                healthy.failed.isEmpty() ? healthy.served.toString() : String.join("; ", healthy.failed));
        report.check("the broken canary is rolled back to 0 within " + ROLLBACK_BOUND.toSeconds() + " s", rolledBack != null,
                "share now " + canary.share() + " %");
        report.check("by the control room's guard, not by hand", last != null
                && Instant.parse(String.valueOf(Json.text(last, "at"))).isAfter(broken), String.valueOf(last));
        report.check("while it was bad, only the canary failed: the stable version answered every read it got",
                bad.failed.stream().allMatch(f -> f.contains(Canary.REGISTERED_AS)), String.join("; ", bad.failed));
        report.check("after the rollback every read is the stable version's, a 200 with the book",
                after.failed.isEmpty() && after.served.keySet().equals(Set.of(Canary.SERVICE)),
                after.failed.isEmpty() ? after.served.toString() : String.join("; ", after.failed));
    }

    private static Reads read(RunningPlayground p, int times) {
        Reads reads = new Reads();
        for (int i = 0; i < times; i++) {
            reads.add(p.get(PATH));
            RunningPlayground.pause(PACE_MILLIS);
        }
        return reads;
    }

    /** Who answered the reads, and the ones that were not a 200 with the book. */
    private static final class Reads {

        final Map<String, Integer> served = new TreeMap<>();
        final List<String> failed = new ArrayList<>();

        void add(Http.Answer answer) {
            String by = answer.header("X-Served-By").orElse("nobody");
            boolean right = answer.status() == 200 && "book".equals(Json.text(answer.json(), "sku"));
            served.merge(right ? by : by + " " + answer.status(), 1, Integer::sum);
            if (!right) {
                failed.add(answer.status() + " from " + by);
            }
        }

        int count(String by) {
            return served.getOrDefault(by, 0);
        }
    }

    /** The canary's fault healed, its share as the run found it, and the canary stopped if this run started it. */
    @Override
    public void heal(RunningPlayground p) {
        if (with != null) {
            with.management().heal(Canary.NAME);
            if (before != null) {
                with.canary().share(before);
            }
        }
        p.withoutIfAdded(Canary.NAME, "scenario");
        p.healEverything();
    }
}
