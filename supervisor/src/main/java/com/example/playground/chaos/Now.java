package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;

/**
 * What the game day's score needs to know of the running system: which processes run, and what each
 * service says is broken in it. An interface so the scoring can be tested without a stack.
 */
interface Now {

    boolean running(String process);

    /** Whether a service reports this target or switch broken ({@code /actuator/faults}). */
    boolean isBroken(String service, String name);

    /**
     * The running playground, asked at each call. A service that does not answer its management port
     * (down, or still starting) cannot say it is healed, so everything in it counts as broken.
     */
    static Now of(Supervisor supervisor) {
        return new Now() {
            @Override
            public boolean running(String process) {
                return supervisor.isRunning(process);
            }

            @Override
            public boolean isBroken(String service, String name) {
                try {
                    return supervisor.management().broken(service).containsKey(name);
                } catch (RuntimeException e) {
                    return true;
                }
            }
        };
    }
}
