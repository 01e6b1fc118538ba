package com.example.playground.cli;

import com.example.playground.supervisor.Canary;
import com.example.playground.supervisor.PlaygroundException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./playground canary [PERCENT]}: the canary release (docs/patterns/canary-release.md). Alone it
 * says the canary's share of inventory reads; with a number it smoke-tests the canary through the
 * gateway and then gives it that share, live. {@code canary 0} is the rollback, which the control room
 * also does on its own when the canary's errors pass its limit.
 */
final class CanaryCommand {

    static final String USAGE = "Usage: ./playground canary [PERCENT]   e.g. canary 20 (0 rolls back)";

    private final Canary canary;
    private final PrintStream out;

    CanaryCommand(Canary canary, PrintStream out) {
        this.canary = canary;
        this.out = out;
    }

    /** {@code words}: the whole command line, {@code canary} first. */
    void run(List<String> words) {
        if (words.size() == 1) {
            int share = canary.share();
            out.printf("  %s: %d%% of inventory reads, %d%% to the stable inventory-service%n", Canary.NAME, share, 100 - share);
            return;
        }
        if (words.size() != 2) {
            throw new PlaygroundException(USAGE, PlaygroundException.USAGE);
        }
        int percent = StrangleCommand.percent(words.get(1));
        Duration smoke = canary.share(percent);
        if (percent == 0) {
            out.printf("%s: no inventory reads from the next one on; all to the stable inventory-service.%n", Canary.NAME);
            return;
        }
        out.printf("%s answered through the gateway (smoke test, %.1f s); it gets %d%% of inventory reads from the next"
                + " one on. The control room sets that back to 0 if its errors pass the limit; by hand: ./playground canary 0%n",
                Canary.NAME, smoke.toMillis() / 1000.0, percent);
    }
}
