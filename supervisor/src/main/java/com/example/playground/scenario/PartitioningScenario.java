package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Partitioning: every message is keyed by its order, so a burst of one customer's orders spreads over
 * the six partitions of {@code orders.events}, and each consumer group reads them on three threads.
 * With order-service's {@code orders-keyed-by-customer} switch on, the same burst lands on one
 * partition: one thread per group does all of it (a hot key). Then a second instance of
 * inventory-service takes half of its group's partitions, and killed, gives them back to the first in
 * a rebalance while orders keep coming; none is lost. On a stack that runs inventory-service once,
 * the second instance is added for the scenario and stopped again afterwards.
 */
final class PartitioningScenario implements Scenario {

    private static final String TOPIC = "orders.events";
    private static final String COMMANDS = "inventory.commands";
    private static final String SERVICE = "inventory-service";
    private static final String SECOND = SERVICE + "-2";
    private static final String SWITCH = "orders-keyed-by-customer";
    private static final int BURST = 24;
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** Kafka's session timeout (6 s in the services' settings), then the rebalance, with room for a busy machine. */
    private static final Duration REBALANCE_PROMISE = Duration.ofSeconds(15);

    private final Partitions partitions = new Partitions();

    @Override
    public String name() {
        return "partitioning";
    }

    @Override
    public String shows() {
        return "orders spread over orders.events' six partitions by their key; keyed by customer (a switch), one customer's"
                + " burst lands on one partition; a second inventory-service instance killed: its partitions rebalanced"
                + " to the first, no order lost";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Burst byOrder = burst(p);
        report.figure("keyed by order: %d orders of alice's put %s records on partitions 0-5; most waiting at once on one"
                + " partition: %d; all ended %d ms after the first", byOrder.orders, byOrder.spread, byOrder.maxLag,
                byOrder.millis);
        long used = byOrder.spread.stream().filter(n -> n > 0).count();
        report.check("keyed by order, one customer's burst spreads over the partitions", byOrder.orders == BURST && used >= 4,
                "%d of %d orders placed; %d of %d partitions got records".formatted(byOrder.orders, BURST, used,
                        byOrder.spread.size()));

        p.management().setSwitch("order-service", SWITCH, true);
        Burst byCustomer;
        try {
            byCustomer = burst(p);
        } finally {
            p.management().setSwitch("order-service", SWITCH, false);
        }
        report.figure("keyed by customer (%s on): the same burst put %s records on partitions 0-5; most waiting at once"
                + " on one partition: %d; all ended %d ms after the first", SWITCH, byCustomer.spread,
                byCustomer.maxLag, byCustomer.millis);
        long hot = byCustomer.spread.stream().filter(n -> n > 0).count();
        long total = byCustomer.spread.stream().mapToLong(Long::longValue).sum();
        report.check("keyed by customer, every record of the burst lands on one partition (a hot key)",
                byCustomer.orders == BURST && hot == 1 && total >= 2L * BURST,
                "%d of %d orders placed; %d partitions got %d records".formatted(byCustomer.orders, BURST, hot, total));

        rebalance(p, report);
    }

    /** What one burst of alice's orders did to orders.events. */
    private record Burst(int orders, List<Long> spread, long maxLag, long millis) {
    }

    /**
     * alice's orders at once (choreography: the services read orders.events themselves), then
     * until every order's end event is on the topic and no group has anything left to read there.
     * Read on the services' management ports, so the gateway's rate limit does not slow the watching.
     */
    private Burst burst(RunningPlayground p) {
        List<Long> before = topic(p.supervisor(), TOPIC).ends();
        Instant start = Instant.now();
        List<String> orders = placeAtOnce(p);
        long[] maxLag = {0};
        // Placed and ended: two records per order on its key's partition.
        Partitions.Topic done = RunningPlayground.awaitUntil(() -> {
            Partitions.Topic now = topic(p.supervisor(), TOPIC);
            maxLag[0] = Math.max(maxLag[0], mostWaiting(now));
            return now;
        }, now -> sum(now.ends()) - sum(before) >= 2L * orders.size() && mostWaiting(now) == 0, Duration.ofSeconds(60));
        long millis = Duration.between(start, Instant.now()).toMillis();
        List<Long> spread = new ArrayList<>();
        for (int i = 0; i < done.ends().size(); i++) {
            spread.add(done.ends().get(i) - (i < before.size() ? before.get(i) : 0));
        }
        return new Burst(orders.size(), spread, maxLag[0], millis);
    }

    /** The burst from eight callers at once, as a busy customer's shop would send it: the ids of the orders placed. */
    private static List<String> placeAtOnce(RunningPlayground p) {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Optional<String>>> placed = IntStream.range(0, BURST)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> RunningPlayground.orderId(p.placeOrder("choreography")), callers))
                    .toList();
            return placed.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
        } finally {
            callers.shutdown();
        }
    }

    /** The longest queue of one group on one partition of the topic. */
    private static long mostWaiting(Partitions.Topic topic) {
        return topic.readers().stream().flatMap(r -> r.cells().stream()).mapToLong(Partitions.Cell::lag).max().orElse(0);
    }

    private void rebalance(RunningPlayground p, Report report) {
        Supervisor two = p.twoInstancesOf(SERVICE, "scenario");
        two.up(PATIENCE);
        Supervisor stack = two;
        Partitions.Reader shared = RunningPlayground.awaitUntil(() -> topic(stack, COMMANDS).reader(SERVICE),
                r -> !r.rebalancing() && r.heldBy(SERVICE) > 0 && r.heldBy(SECOND) > 0, Duration.ofSeconds(30));
        report.figure("two instances: %s holds %d of %s's partitions, %s holds %d", SERVICE, shared.heldBy(SERVICE),
                COMMANDS, SECOND, shared.heldBy(SECOND));
        if (!report.check("a second instance takes a share of the partitions", shared.heldBy(SECOND) > 0
                && shared.heldBy(SERVICE) > 0, shared.heldBy(SECOND) + " held by " + SECOND)) {
            return;
        }
        int all = shared.cells().size();
        p.say("Orders at 3 a second for 12 s; " + SECOND + " killed after 3 s...");
        List<String> orders = new ArrayList<>();
        Instant start = Instant.now();
        Instant killedAt = null;
        Instant takenBack = null;
        while (Duration.between(start, Instant.now()).toMillis() < 12_000 || killedAt != null && takenBack == null
                && Duration.between(killedAt, Instant.now()).compareTo(REBALANCE_PROMISE.plusSeconds(5)) < 0) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() >= 3000) {
                stack.kill(SECOND);
                killedAt = Instant.now();
            }
            if (Duration.between(start, Instant.now()).toMillis() < 12_000) {
                RunningPlayground.orderId(p.placeOrder("orchestration")).ifPresent(orders::add);
            }
            if (killedAt != null && takenBack == null) {
                Partitions.Reader now = topic(stack, COMMANDS).reader(SERVICE);
                if (!now.rebalancing() && now.heldBy(SERVICE) == all) {
                    takenBack = Instant.now();
                }
            }
            pause(300);
        }
        long rebalanced = takenBack == null ? -1 : Duration.between(killedAt, takenBack).toMillis();
        List<String> ended = orders.stream().map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(60))).toList();
        long approved = ended.stream().filter("APPROVED"::equals).count();
        report.figure("%s killed at 3 s: %s held all %d partitions of %s again %d ms later; %d orders placed over 12 s",
                SECOND, SERVICE, all, COMMANDS, rebalanced, orders.size());
        report.check("the survivor takes the dead instance's partitions within " + REBALANCE_PROMISE.toSeconds() + " s",
                rebalanced >= 0 && rebalanced <= REBALANCE_PROMISE.toMillis(), rebalanced < 0 ? "never" : rebalanced + " ms");
        report.check("every order placed across the rebalance was APPROVED: no command lost",
                !orders.isEmpty() && approved == orders.size(), approved + " of " + orders.size() + " APPROVED");
    }

    /** A topic as the services tell it; asked again for a while if none of them answers at once. */
    private Partitions.Topic topic(Supervisor stack, String name) {
        Partitions.Topic topic = RunningPlayground.awaitUntil(() -> partitions.read(stack).get(name), Objects::nonNull,
                Duration.ofSeconds(10));
        if (topic == null) {
            throw new PlaygroundException("No service told who reads " + name + ": is the playground well? ./playground status",
                    PlaygroundException.FAILED);
        }
        return topic;
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    /** Switch off, faults healed; a stack found with one instance of inventory-service gets back to one. */
    @Override
    public void heal(RunningPlayground p) {
        p.backToOneIfAdded(SERVICE, "scenario");
        p.healEverything();
    }

}
