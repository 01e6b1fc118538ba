package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Planted bug, in settings: inventory-service runs six consumer threads per listener instead of three.
 * Alone it reads its six partitions as before; with a second instance, the group has twelve consumers
 * for six partitions, and the range assignor gives them all to the first instance's threads (their
 * names sort first). The second instance reads nothing. The check runs two instances and wants the
 * second to hold a share of inventory.commands.
 */
final class IdleInstanceLab implements Lab {

    private static final String SERVICE = "inventory-service";
    private static final String SECOND = SERVICE + "-2";
    private static final String TOPIC = "inventory.commands";
    private static final String CONCURRENCY = "spring.kafka.listener.concurrency";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** A new member joins, the group rebalances: seconds, with room for a busy machine. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Partitions partitions = new Partitions();

    @Override
    public About about() {
        return new About("idle-instance", "Scaled out, nothing gained", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "A second instance of inventory-service should take half of the work off the first. Today it starts,"
                + " registers, answers its health check, and reads no message at all. Find out why, and say how many"
                + " instances can help at most.";
    }

    @Override
    public String firstStep() {
        return "Run two instances (./playground up --instances inventory-service=2) and look at who reads which"
                + " partition: ./playground partitions inventory.commands (or the control room's Kafka partitions panel).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "A partition is read by one consumer of a group at a time. How many consumers does inventory-service's"
                        + " group have with two instances, and how many partitions are there to share?",
                "Each instance runs spring.kafka.listener.concurrency consumer threads per listener."
                        + " ./playground config diff inventory-service shows what differs from the packaged settings.",
                "./playground config reset inventory-service puts the packaged three threads back (it restarts"
                        + " inventory-service). Then check: ./playground lab check idle-instance");
    }

    @Override
    public String solution() {
        return """
                inventory-service's settings overlay held spring.kafka.listener.concurrency=6: six consumer threads per
                listener and instance. Alone, the six threads each read one of the six partitions. With a second
                instance the group had twelve consumers for six partitions; a partition goes to one consumer of a group
                only, and Kafka's range assignor hands them out in the order of the consumers' ids, so the first
                instance's six threads took all six and the second instance's six sat idle.
                The packaged three threads per instance leave room: one instance's three take two partitions each, two
                instances' six take one each. Consumers beyond the partition count only wait, so instances x threads
                should not exceed the partitions: here six, so a third instance would idle too (more partitions would
                let it help, at the cost of longer rebalances and more idle threads on a small machine).
                Fix: ./playground config reset inventory-service (a restart: listener threads are set at the start)""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of(SERVICE, Map.of(CONCURRENCY, "6"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Supervisor two = p.twoInstancesOf(SERVICE, "check");
        Partitions.Reader reader;
        try {
            two.up(PATIENCE);
            Supervisor both = two;
            reader = RunningPlayground.awaitUntil(() -> read(both), r -> r != null && !r.rebalancing()
                    && r.heldBy(SECOND) > 0, SETTLE);
        } finally {
            p.backToOneIfAdded(SERVICE, "check");
        }
        if (reader == null) {
            verdict.expect(false, "", "no instance of " + SERVICE + " told who reads " + TOPIC + ": is it well? ./playground status");
            return;
        }
        verdict.expect(reader.heldBy(SECOND) > 0,
                "with two instances, %s reads %d of %s's %d partitions and %s %d".formatted(SERVICE,
                        reader.heldBy(SERVICE), TOPIC, reader.cells().size(), SECOND, reader.heldBy(SECOND)),
                "with two instances, %s reads %d of %s's %d partitions and %s none, %d s after it started"
                        .formatted(SERVICE, reader.heldBy(SERVICE), TOPIC, reader.cells().size(), SECOND, SETTLE.toSeconds()));
    }

    private Partitions.Reader read(Supervisor stack) {
        Partitions.Topic topic = partitions.read(stack).get(TOPIC);
        return topic == null ? null : topic.reader(SERVICE);
    }
}
