package com.example.playground.cli;

import com.example.playground.supervisor.Canary;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Strangler;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./playground strangle [ROUTE PERCENT]}: the strangler fig's shares (docs/patterns/strangler-fig.md).
 * Without arguments it lists each strangled route's share; with them it moves that share of the route's
 * requests to the new services, live. {@code strangle ROUTE 0} is the rollback: all to the legacy application.
 */
final class StrangleCommand {

    static final String USAGE = "Usage: ./playground strangle [ROUTE PERCENT]   e.g. strangle products 25 (0 rolls back)";

    private final Strangler strangler;
    private final PrintStream out;

    StrangleCommand(Strangler strangler, PrintStream out) {
        this.strangler = strangler;
        this.out = out;
    }

    /** {@code words}: the whole command line, {@code strangle} first. */
    void run(List<String> words) {
        if (words.size() == 1) {
            strangler.shares().forEach((route, percent) -> out.printf(
                    "  %-12s %3d%% to the new services, %3d%% to the legacy application%n", route, percent, 100 - percent));
            return;
        }
        if (words.size() != 3) {
            throw new PlaygroundException(USAGE, PlaygroundException.USAGE);
        }
        String route = words.get(1);
        int percent = percent(words.get(2));
        if (route.equals(Canary.ROUTE)) {
            // The canary's share is a strangler share in the gateway, but its command checks more first.
            throw new PlaygroundException("The canary's share is set with './playground canary " + percent
                    + "': it smoke-tests the canary first.", PlaygroundException.USAGE);
        }
        strangler.share(route, percent);
        out.printf("%s: %d%% of its requests to the new services, %d%% to the legacy application, from the next request."
                + "%s%n", route, percent, 100 - percent, percent == 0 ? "" : " Roll back: ./playground strangle " + route + " 0");
    }

    /** A whole number from 0 to 100, as written: no "25%", no "12.5". */
    static int percent(String text) {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > 100) {
            throw new PlaygroundException("PERCENT is a whole number from 0 to 100, not '" + text + "'. " + USAGE,
                    PlaygroundException.USAGE);
        }
        return Integer.parseInt(text);
    }
}
