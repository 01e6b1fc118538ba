package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;

/**
 * One thing {@code ./playground chaos} can break, with all the game day needs to know of it: how to
 * break it, the line that names it in an answers file, whether it is healed now, and how to heal it.
 * Each kind of breakage is one small class listing its variants; {@link Catalogue} holds the kinds.
 */
interface Breakage {

    /** The process it breaks, or breaks something inside: a service's name, or {@code kafka}. */
    String process();

    /**
     * Whether it takes its whole process away (a service killed, the broker stopped). A game has at
     * most one: see {@link Catalogue} for why.
     */
    default boolean isOutage() {
        return false;
    }

    /** The line that names it in an answers file, e.g. {@code fault payment-service inbound latency}. */
    String answer();

    /** Breaks it, printing nothing (the supervisor given prints nowhere). */
    void apply(Supervisor quiet);

    /** Whether it is healed now, by what the running system says: the fault gone, the process back. */
    boolean isHealedIn(Now now);

    /** Heals it, for {@code lab solution gameday --apply}. */
    void heal(Supervisor supervisor, Duration timeout);
}
