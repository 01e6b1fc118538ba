package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A switch of a service turned on, as {@code ./playground switch} turns it on: the outbox relay
 * paused (orders stop moving), or an anti-pattern (a safeguard gone, nothing visibly wrong yet).
 */
record SwitchTurnedOn(String process, String name) implements Breakage {

    /**
     * The relay paused in each service that publishes; of the anti-patterns, the two whose missing
     * safeguard the pattern pages show: payment-service charging a redelivered command again, and
     * order-service publishing without its outbox.
     */
    static final List<Breakage> ALL = List.of(
            new SwitchTurnedOn("order-service", "outbox-relay-paused"),
            new SwitchTurnedOn("payment-service", "outbox-relay-paused"),
            new SwitchTurnedOn("inventory-service", "outbox-relay-paused"),
            new SwitchTurnedOn("saga-orchestrator", "outbox-relay-paused"),
            new SwitchTurnedOn("payment-service", "consume-without-idempotency"),
            new SwitchTurnedOn("order-service", "publish-without-outbox"));

    @Override
    public String answer() {
        return "switch " + process + " " + name;
    }

    @Override
    public void apply(Supervisor quiet) {
        quiet.management().setSwitch(process, name, true);
    }

    @Override
    public boolean isHealedIn(Now now) {
        return now.running(process) && !now.isBroken(process, name);
    }

    /** Heals the whole service: chaos breaks at most one thing in a process. */
    @Override
    public void heal(Supervisor supervisor, Duration timeout) {
        supervisor.management().heal(process);
    }
}
