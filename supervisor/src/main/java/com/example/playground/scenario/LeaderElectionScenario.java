package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Leader election: of two instances of inventory-service sharing one database, one leads and runs
 * the outbox relay and the deadline scanners. The lead is moved to the second instance by asking the
 * first to step down (on H2 the first serves the database file to the other, so it is not the one to
 * kill). Under a steady stream of orders the leader is then killed;
 * the other takes the lock over once it expires, and every order's stock event reaches its saga:
 * none lost (every order APPROVED), none sent twice but what the relay pass the kill cut short had
 * sent unstamped (saga-orchestrator's inbox skips those). On a stack that runs inventory-service once, the scenario adds the
 * second instance first and stops it again afterwards.
 */
final class LeaderElectionScenario implements Scenario {

    /** The most rows one relay pass holds at the scenario's 4 orders a second, with room: what a kill can leave unstamped. */
    private static final int CUT_SHORT = 5;

    private static final String SERVICE = "inventory-service";
    private static final List<String> INSTANCES = List.of(SERVICE, SERVICE + "-2");
    private static final String TOPIC = "inventory.events";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The lock's time to live (3 s, playground.leader.ttl) and a try every 200 ms, with room for a busy machine. */
    private static final Duration HANDOVER_PROMISE = Duration.ofSeconds(6);

    @Override
    public String name() {
        return "leader-election";
    }

    @Override
    public String shows() {
        return "two instances of inventory-service, one leads (the outbox relay, the deadline scanners); the leader killed"
                + " under traffic: the other leads within seconds, every stock event delivered once";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Supervisor two = p.twoInstancesOf(SERVICE, "scenario");
        two.up(PATIENCE);
        Supervisor stack = two;
        Map<String, Boolean> leads = RunningPlayground.awaitUntil(() -> leading(stack),
                now -> now.values().stream().filter(Boolean::booleanValue).count() == 1, Duration.ofSeconds(15));
        List<String> leaders = INSTANCES.stream().filter(i -> leads.getOrDefault(i, false)).toList();
        if (!report.check("exactly one of the two instances leads", leaders.size() == 1, leads.toString())) {
            return;
        }
        report.figure("%s leads (GET /actuator/leader on each)", leaders.get(0));
        // On H2 the first instance serves the database file to the other (mixed mode): killing it would take
        // the database away from both, which is H2's limit, not the election's. So the lead moves to the
        // second first, by asking the first to step down: a planned handover.
        if (leaders.get(0).equals(INSTANCES.get(0))) {
            Instant asked = Instant.now();
            boolean moved = stack.management().moveLead(INSTANCES.get(0), INSTANCES.get(1), Duration.ofSeconds(15));
            report.figure("%s asked to step down: %s led %d ms later", INSTANCES.get(0), INSTANCES.get(1),
                    moved ? Duration.between(asked, Instant.now()).toMillis() : -1);
            if (!report.check("asked to step down, the leader hands over to the other instance", moved,
                    moved ? INSTANCES.get(1) + " leads" : "it still leads")) {
                return;
            }
        }
        String leader = INSTANCES.get(1);
        String follower = INSTANCES.get(0);
        double duplicatesBefore = duplicates(two);
        p.say("Orders at 4 a second for 12 s; " + leader + " killed after 3 s...");
        List<String> orders = new ArrayList<>();
        int refused = 0;
        Instant start = Instant.now();
        Instant killedAt = null;
        Instant tookOver = null;
        while (Duration.between(start, Instant.now()).toMillis() < 12_000) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() >= 3000) {
                two.kill(leader);
                killedAt = Instant.now();
            }
            var placed = RunningPlayground.orderId(p.placeOrder("orchestration"));
            placed.ifPresent(orders::add);
            refused += placed.isPresent() ? 0 : 1;
            if (killedAt != null && tookOver == null && two.management().leads(follower)) {
                tookOver = Instant.now();
            }
            pause(250);
        }
        while (tookOver == null && Duration.between(killedAt, Instant.now()).toSeconds() < 20) {
            if (two.management().leads(follower)) {
                tookOver = Instant.now();
            }
            pause(100);
        }
        long handover = tookOver == null ? -1 : Duration.between(killedAt, tookOver).toMillis();
        List<String> ended = orders.stream().map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(60))).toList();
        long approved = ended.stream().filter("APPROVED"::equals).count();
        double sentTwice = duplicates(two) - duplicatesBefore;

        report.figure("%d orders placed over 12 s (%d refused while the gateway still routed to the dead instance);"
                + " %s killed at 3 s; %s led %d ms later", orders.size(), refused, leader, follower, handover);
        report.check("the other instance leads within " + HANDOVER_PROMISE.toSeconds() + " s of the kill",
                handover >= 0 && handover <= HANDOVER_PROMISE.toMillis(), handover < 0 ? "never" : handover + " ms");
        // A stock event lost would leave its saga waiting until its step timed out: the order REJECTED.
        report.check("every order placed was APPROVED: no stock event lost", !orders.isEmpty() && approved == orders.size(),
                approved + " of " + orders.size() + " APPROVED");
        // At least once, not exactly once: a leader killed between Kafka's acknowledgement and its stamp
        // of the rows leaves them unstamped, and the new leader sends them again (seen in CI: 2 of 33).
        // That is the pass the kill cut short, a row or two at this rate; two relays sent every row twice.
        report.check("stock events sent twice only by the relay pass the kill cut short: saga-orchestrator's inbox"
                + " skipped at most " + CUT_SHORT + " duplicates on " + TOPIC + " (two relays: one per order)",
                sentTwice <= CUT_SHORT, "%.0f skipped".formatted(sentTwice));
    }

    /** What saga-orchestrator's inbox has skipped on inventory.events as already handled, so far. */
    private static double duplicates(Supervisor stack) {
        return stack.management().metric("saga-orchestrator", "playground.inbox.duplicates", Map.of("topic", TOPIC));
    }

    /** Faults healed, the killed instance started again; a stack found with one instance gets back to one. */
    @Override
    public void heal(RunningPlayground p) {
        p.backToOneIfAdded(SERVICE, "scenario");
        p.healEverything();
    }

    private static Map<String, Boolean> leading(Supervisor stack) {
        return INSTANCES.stream().collect(Collectors.toMap(Function.identity(), i -> stack.management().leads(i)));
    }
}
