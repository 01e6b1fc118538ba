package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;

/**
 * A service killed with SIGKILL, as {@code ./playground kill} kills it: a crash. Only the first
 * instance of each: the catalogue must not depend on how many instances a stack runs, or the same
 * seed would break different things on different laptops.
 */
record KilledService(String process) implements Breakage {

    static final List<Breakage> ALL = List.of(
            new KilledService("order-service"),
            new KilledService("payment-service"),
            new KilledService("inventory-service"),
            new KilledService("saga-orchestrator"));

    @Override
    public boolean isOutage() {
        return true;
    }

    @Override
    public String answer() {
        return "kill " + process;
    }

    @Override
    public void apply(Supervisor quiet) {
        quiet.kill(process);
    }

    @Override
    public boolean isHealedIn(Now now) {
        return now.running(process);
    }

    @Override
    public void heal(Supervisor supervisor, Duration timeout) {
        supervisor.start(process, timeout);
    }
}
