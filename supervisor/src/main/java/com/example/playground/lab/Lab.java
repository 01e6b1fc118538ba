package com.example.playground.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab of the workshop ({@code ./playground lab}): a starting state, a goal, the attendee's work,
 * and a check that proves it by behaviour (what the running system does), never by reading files.
 * Its page is {@code docs/labs/NN-name.md}, NN being its place in {@link Labs#ALL}.
 *
 * <p>Adding one is a class that implements this, a line in {@link Labs#ALL}, and its page.
 */
interface Lab {

    enum Level { BEGINNER, INTERMEDIATE, ADVANCED }

    /**
     * What {@code lab list} shows of it. {@code name}: short and stable, used in the page's file name
     * and accepted by every {@code lab} command; {@code minutes}: how long it takes an attendee, roughly.
     */
    record About(String name, String title, Level level, int minutes) {
    }

    About about();

    default String name() {
        return about().name();
    }

    default String title() {
        return about().title();
    }

    default Level level() {
        return about().level();
    }

    default int minutes() {
        return about().minutes();
    }

    /**
     * Whether it runs only on a stack started with {@code --db postgres} ({@code lab start} refuses it on H2).
     * LabsIT leaves those out of the shared H2 stack; OnPostgresIT runs them on its own.
     */
    default boolean needsPostgres() {
        return false;
    }

    /**
     * Why it cannot run on this machine (a program it needs is not installed), or empty: {@code lab
     * start} refuses it with the reason, and the system tests skip it unless told to require it.
     */
    default Optional<String> cannotRunHere() {
        return Optional.empty();
    }

    /** What the attendee must achieve, printed by {@code lab start}. */
    String goal();

    /** The first thing to do, printed by {@code lab start}. */
    String firstStep();

    /** Hints, mildest first: {@code lab hint} shows one more each time. */
    List<String> hints();

    /** What {@code lab solution} prints. */
    String solution();

    /**
     * Settings the lab starts with, per app (e.g. {@code order-service} → a planted read timeout),
     * written to the externalized configuration before its apps start. Empty by default.
     */
    default Map<String, Map<String, String>> settings() {
        return Map.of();
    }

    /** A defect planted in the code before the lab's service starts (a planted-bug lab), if any. */
    default Optional<CodePlant> plant() {
        return Optional.empty();
    }

    /** Anything else the lab needs once the stack runs fresh (a switch turned on, an order placed). */
    default void start(LabBench bench) {
    }

    /** Checks the attendee's work by what the running system does; every expectation goes into the verdict. */
    void check(LabBench bench, Verdict verdict);

    /**
     * Puts the solution in place ({@code lab solution N --apply}). By default: the planted defect
     * taken out and the lab's planted settings removed, each service restarted as needed.
     */
    default void applySolution(LabBench bench) {
        plant().ifPresent(bench::unplant);
        settings().keySet().forEach(bench::resetSettings);
    }
}
