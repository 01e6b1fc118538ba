package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Planted bug, in settings: inventory-service's leader holds its lock with a time to live of a
 * minute instead of the playground's 3 s. When the leader dies, the lock stays taken for a minute,
 * nobody relays inventory-service's outbox, and orders wait. The check kills the leader of two
 * instances and wants the other to lead within seconds.
 */
final class LeaderLeaseLab implements Lab {

    private static final String SERVICE = "inventory-service";
    private static final List<String> INSTANCES = List.of(SERVICE, SERVICE + "-2");
    private static final String TTL = "playground.leader.ttl";
    /** 3 s of time to live, renewed every second, another instance trying every 200 ms: ~2-3.5 s, with room. */
    private static final Duration PROMISE = Duration.ofSeconds(6);
    /** How long the check watches: enough to tell seconds from a minute without waiting the minute out. */
    private static final Duration WATCH = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The planted time to live, and a little more: how long a lock left by a killed leader can stand. */
    private static final Duration LOCK_PLANTED = Duration.ofSeconds(65);

    @Override
    public About about() {
        return new About("leader-lease", "The leader nobody replaces", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "With two instances of inventory-service, a killed leader must be replaced within " + PROMISE.toSeconds()
                + " s, so its outbox keeps flowing and orders keep ending. Today nobody leads for a minute. Find the"
                + " setting, and say what a longer one would buy.";
    }

    @Override
    public String firstStep() {
        return "Run two instances (./playground up --instances inventory-service=2), ask each which one leads"
                + " (GET /actuator/leader on its management port, or the control room's LEADER badge), kill the leader,"
                + " and watch the other's answer (see the page).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Only the leader relays inventory-service's outbox: while nobody leads, its events wait in the table and"
                        + " orders stay PENDING. How does the other instance learn that the leader is gone?",
                "The leader holds a lock (a row in the INT_LOCK table) and renews it every second; a lock not renewed"
                        + " for its time to live is free for another instance. ./playground config diff inventory-service"
                        + " shows what differs from the packaged settings.",
                "./playground config reset inventory-service puts the packaged time to live back (3 s; it restarts"
                        + " inventory-service). Then check: ./playground lab check leader-lease");
    }

    @Override
    public String solution() {
        return """
                inventory-service's settings overlay held playground.leader.ttl=60s: the leader's lock may stand a
                minute without a renewal. A killed leader renews nothing, so its lock stayed taken for up to a minute;
                the other instance tried every 200 ms and was refused, nobody relayed the outbox, and orders waited.
                The packaged 3 s (renewed every second) frees it within about 3 s of the kill.
                A longer time to live is not simply wrong: a leader frozen by a long garbage collection or a slow
                database for longer than the time to live loses the lead to another instance while it still thinks it
                leads, and both may act for a moment. The time to live trades a slower handover for fewer false ones.
                Fix: ./playground config reset inventory-service (a restart: the lock's settings are read at the start)""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of(SERVICE, Map.of(TTL, "60s"));
    }

    /**
     * The packaged settings back, with inventory-service-2 stopped meanwhile: the first instance then
     * restarts alone and serves the H2 file, and the second joins it. Restarting both in turn while
     * they run (as a plain reset does) moves the file's server between them, which H2's mixed mode
     * does not always survive; the check kills the second instance and needs the first to keep its database.
     */
    @Override
    public void applySolution(LabBench bench) {
        Supervisor supervisor = bench.supervisor();
        boolean second = supervisor.isRunning(INSTANCES.get(1));
        if (second) {
            supervisor.stop(INSTANCES.get(1));
        }
        bench.resetSettings(SERVICE);
        if (second) {
            supervisor.start(INSTANCES.get(1), PATIENCE);
        }
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Supervisor two = p.twoInstancesOf(SERVICE, "check");
        String leader = null;
        Duration handover = null;
        try {
            two.up(PATIENCE);
            Supervisor both = two;
            // A lock taken under the planted setting lives by it: up to a minute before anyone may lead again.
            leader = RunningPlayground.awaitUntil(() -> leaderOf(both), Objects::nonNull, LOCK_PLANTED);
            if (INSTANCES.get(0).equals(leader)) {
                // On H2 the first instance serves the database file to the other: the check kills the
                // second, so the lead moves there first (a step-down gives the lock back at once).
                leader = both.management().moveLead(INSTANCES.get(0), INSTANCES.get(1), Duration.ofSeconds(15))
                        ? INSTANCES.get(1) : null;
            }
            if (leader != null) {
                String follower = INSTANCES.get(0);
                two.kill(leader);
                Instant killed = Instant.now();
                if (RunningPlayground.awaitUntil(() -> both.management().leads(follower), Boolean::booleanValue, WATCH)) {
                    handover = Duration.between(killed, Instant.now());
                } else {
                    // The stack is left with a leader, as the check found it: the dead one's lock runs out first.
                    p.say("Nobody leads yet; waiting until the killed leader's lock expires...");
                    RunningPlayground.awaitUntil(() -> both.management().leads(follower), Boolean::booleanValue, LOCK_PLANTED);
                }
            }
        } finally {
            if (!p.backToOneIfAdded(SERVICE, "check") && leader != null) {
                two.start(leader, PATIENCE);
            }
        }
        if (leader == null) {
            verdict.expect(false, "", "the check could not see " + SERVICE + "-2 lead within 15 s: is it well? ./playground status");
            return;
        }
        verdict.expect(handover != null && handover.compareTo(PROMISE) <= 0,
                "the check killed the leader, " + leader + "; the other instance led " + (handover == null ? "?"
                        : "%.1f s".formatted(handover.toMillis() / 1000.0)) + " later",
                handover == null
                        ? "nobody led " + SERVICE + " for " + WATCH.toSeconds() + " s after the check killed its leader, "
                                + leader + ": its lock is still taken"
                        : "the other instance led %.1f s after the check killed the leader; within %d s is the promise"
                                .formatted(handover.toMillis() / 1000.0, PROMISE.toSeconds()));
    }

    private static String leaderOf(Supervisor stack) {
        return INSTANCES.stream().filter(instance -> stack.management().leads(instance)).findFirst().orElse(null);
    }
}
