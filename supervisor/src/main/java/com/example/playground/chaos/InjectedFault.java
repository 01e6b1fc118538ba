package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fault set at one target of a service, as {@code ./playground break} sets it: its own API
 * ({@code inbound}), a dependency it calls, or a topic it reads (see docs/fault-switches.md).
 *
 * @param kind  latency, error-rate or hang: the fault kinds' names on the management port
 * @param value what the kind is set to
 */
record InjectedFault(String process, String target, String kind, String value) implements Breakage {

    /**
     * Every target where a fault shows in what a team can see: slow or failing answers, an open
     * breaker, orders that stay PENDING, dead letters. A topic is not hung: a listener held for
     * minutes is evicted from its consumer group, which is a different lesson.
     */
    static final List<Breakage> ALL = every(
            target("order-service", "inbound"),
            target("payment-service", "inbound"),
            target("inventory-service", "inbound"),
            target("saga-orchestrator", "inbound"),
            target("order-service", "inventory-service"),
            target("order-service", "payment-service"),
            target("payment-service", "payment-provider"),
            target("order-service", "orders.commands"),
            target("payment-service", "payment.commands"),
            target("inventory-service", "inventory.commands"),
            target("saga-orchestrator", "inventory.events"),
            target("saga-orchestrator", "payment.events"));

    @Override
    public String answer() {
        return "fault " + process + " " + target + " " + kind;
    }

    @Override
    public void apply(Supervisor quiet) {
        quiet.management().breakTarget(process, target, Map.of(kind, value));
    }

    @Override
    public boolean isHealedIn(Now now) {
        return now.running(process) && !now.isBroken(process, target);
    }

    /** Heals the whole service: chaos breaks at most one thing in a process. */
    @Override
    public void heal(Supervisor supervisor, Duration timeout) {
        supervisor.management().heal(process);
    }

    private record Target(String service, String name) {
    }

    private static Target target(String service, String name) {
        return new Target(service, name);
    }

    /** Each target slowed by 2 s, failing (half its calls, or all of a topic's deliveries), and hung unless it is a topic. */
    private static List<Breakage> every(Target... targets) {
        List<Breakage> all = new ArrayList<>();
        for (Target t : targets) {
            boolean topic = t.name().contains(".");
            all.add(new InjectedFault(t.service(), t.name(), "latency", "2000"));
            all.add(new InjectedFault(t.service(), t.name(), "error-rate", topic ? "1" : "0.5"));
            if (!topic) {
                all.add(new InjectedFault(t.service(), t.name(), "hang", "true"));
            }
        }
        return List.copyOf(all);
    }
}
