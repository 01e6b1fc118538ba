package com.example.playground.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the canary has failed too often (docs/patterns/canary-release.md): more than {@link #MAX_PERCENT}
 * per cent of its reads answered with a server error over the last {@link #WINDOW}, or over as many
 * seconds more as it takes to hold {@link #MIN_REQUESTS} reads (the counts kept reach back
 * {@link #KEPT}), so that one failure of the first three does not decide, and a canary that gets few
 * reads is still judged on its latest ones. These are demo figures, seconds where Flagger or Argo
 * Rollouts judge minutes; the page compares them. Client errors (a 404 for an unknown item) are the
 * caller's, not the canary's.
 */
final class ErrorBudget {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int MIN_REQUESTS = 10;
    static final int MAX_PERCENT = 5;
    static final Duration KEPT = Duration.ofSeconds(60);

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
     * Judges the reads between the count that starts the window and the newest ({@code counts} oldest
     * first, all of one share: the guard starts over when the share changes).
     */
    static Verdict judge(List<Count> counts, Instant now) {
        List<Count> kept = counts.stream().filter(c -> !c.at().isBefore(now.minus(KEPT))).toList();
        if (kept.size() < 2) {
            return new Verdict(0, 0, false);
        }
        Count last = kept.get(kept.size() - 1);
        int start = 0;
        for (int i = 0; i < kept.size() - 1; i++) {
            if (!kept.get(i).at().isAfter(now.minus(WINDOW))) {
                start = i; // the newest count at least WINDOW old
            }
        }
        while (start > 0 && last.requests() - kept.get(start).requests() < MIN_REQUESTS) {
            start--; // too few reads: further back
        }
        Count first = kept.get(start);
        long requests = last.requests() - first.requests();
        long errors = last.serverErrors() - first.serverErrors();
        boolean spent = requests >= MIN_REQUESTS && errors * 100 > MAX_PERCENT * requests;
        return new Verdict(requests, errors, spent);
    }
}
