package com.example.playground.lab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code lab check} found: PASS only when every expectation holds; otherwise each one that
 * does not says what is still wrong, in the attendee's words.
 */
final class Verdict {

    private record Expectation(boolean holds, String right, String wrong) {
    }

    private final List<Expectation> expectations = new ArrayList<>();

    /** Records one thing the check expects; {@code wrong} is what the attendee reads if it does not hold. */
    boolean expect(boolean holds, String right, String wrong) {
        expectations.add(new Expectation(holds, right, wrong));
        return holds;
    }

    boolean passed() {
        return !expectations.isEmpty() && expectations.stream().allMatch(Expectation::holds);
    }

    /** What is still wrong, in order; empty on PASS. */
    List<String> stillWrong() {
        return expectations.stream().filter(e -> !e.holds()).map(Expectation::wrong).toList();
    }

    void print(PrintStream out) {
        for (Expectation e : expectations) {
            out.printf("  [%s] %s%n", e.holds() ? "ok" : "still wrong", e.holds() ? e.right() : e.wrong());
        }
        out.println(passed() ? "PASS" : "FAIL");
    }
}
