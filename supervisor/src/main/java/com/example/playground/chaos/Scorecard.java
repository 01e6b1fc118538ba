package com.example.playground.chaos;

import com.example.playground.chaos.Answers.Finding;
import java.util.List;

/**
 * A team's score at a game day: for each of the three breakages, a point if their answers file names
 * it and a point if it is healed now; a point off for each thing they name that was not broken (so
 * guessing costs, and a score can fall below zero). Full marks, {@link #MAX}, only when all three
 * are named and healed and nothing else is claimed.
 *
 * @param lines      the three breakages, in the order chaos picked them (which tells nothing)
 * @param wrong      what the team named that chaos did not break, in the answers file's words
 * @param unreadable lines of the answers file that could not be read, with why: no points either way
 */
public record Scorecard(List<Line> lines, List<String> wrong, List<String> unreadable) {

    public static final int MAX = 2 * Catalogue.BREAKAGES;

    /** One of the three breakages, as the score sees it: its answer line, named or not, healed or not. */
    public record Line(String answer, boolean named, boolean healed) {
    }

    /** Scores an answers file against what chaos broke, by what the system says now. */
    static Scorecard of(List<Breakage> broken, Answers answers, Now now) {
        List<Finding> truth = broken.stream().map(b -> Answers.finding(b.answer(), Catalogue.processes())).toList();
        List<Line> lines = broken.stream().map(b -> new Line(b.answer(),
                answers.findings().contains(Answers.finding(b.answer(), Catalogue.processes())), b.isHealedIn(now)))
                .toList();
        List<String> wrong = answers.findings().stream().filter(f -> !truth.contains(f)).map(Finding::toString).toList();
        return new Scorecard(lines, wrong, answers.unreadable());
    }

    public int named() {
        return (int) lines.stream().filter(Line::named).count();
    }

    public int healed() {
        return (int) lines.stream().filter(Line::healed).count();
    }

    public int points() {
        return named() + healed() - wrong.size();
    }

    public boolean isFull() {
        return points() == MAX;
    }
}
