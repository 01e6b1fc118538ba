package com.example.playground.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the canary has failed too often (docs/patterns/canary-release.md): more than {@link #MAX_PERCENT}
 * per cent of its reads answered with a server error over the last {@link #WINDOW}, counting only a
 * window with at least {@link #MIN_REQUESTS} reads, so that one failure of the first three does not
 * decide. These are demo figures, seconds where Flagger or Argo Rollouts judge minutes; the page
 * compares them. Client errors (a 404 for an unknown item) are the caller's, not the canary's.
 */
final class ErrorBudget {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int MIN_REQUESTS = 10;
    static final int MAX_PERCENT = 5;

    /** The gateway's counters for the canary's route at one moment: every read so far, and those that failed (5xx). */
    record Count(Instant at, long requests, long serverErrors) {
    }

    /** What the window held, and whether it is spent. */
    record Verdict(long requests, long serverErrors, boolean spent) {

        int percent() {
            return requests == 0 ? 0 : (int) Math.round(100.0 * serverErrors / requests);
        }
    }

    private ErrorBudget() {
    }

    /**
     * Judges the reads between the oldest count of the window and the newest ({@code counts} oldest
     * first, all of one share: the guard starts over when the share changes).
     */
    static Verdict judge(List<Count> counts, Instant now) {
        List<Count> window = counts.stream().filter(c -> !c.at().isBefore(now.minus(WINDOW))).toList();
        if (window.size() < 2) {
            return new Verdict(0, 0, false);
        }
        Count first = window.get(0);
        Count last = window.get(window.size() - 1);
        long requests = last.requests() - first.requests();
        long errors = last.serverErrors() - first.serverErrors();
        boolean spent = requests >= MIN_REQUESTS && errors * 100 > MAX_PERCENT * requests;
        return new Verdict(requests, errors, spent);
    }
}
