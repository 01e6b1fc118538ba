package com.example.playground.scenario;

import java.util.Optional;

/**
 * One scenario of {@code ./playground scenario}: it breaks something on purpose, drives traffic
 * through the gateway, measures, and checks what a pattern promises with numbers (a PASS needs
 * every check to hold); then {@link #heal} puts everything back, also when the run failed or was
 * interrupted.
 *
 * <p>Adding one is a class that implements this and a line in {@link Scenarios#ALL}.
 */
interface Scenario {

    /** What users type: {@code ./playground scenario run NAME}. */
    String name();

    /** What it shows, in one line. */
    String shows();

    /** Whether it runs only on a stack started with {@code --db postgres} (ScenariosIT runs it on one of its own). */
    default boolean needsPostgres() {
        return false;
    }

    /**
     * Why it cannot run on this machine (a program it needs is not installed), or empty. The CLI
     * says so when it is run; the system tests skip it with the reason, unless told to require it.
     */
    default Optional<String> cannotRunHere() {
        return Optional.empty();
    }

    /** Breaks, measures and checks; figures and checks go into the report. */
    void run(RunningPlayground playground, Report report);

    /** Puts back what {@link #run} broke. By default: every fault healed, every switch off, every stopped process started. */
    default void heal(RunningPlayground playground) {
        playground.healEverything();
    }
}
