package com.example.playground.cli;

import com.example.playground.supervisor.Configuration;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.StateFolder;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./playground config set|show|diff|reset}: an app's settings overlay, through
 * {@link Configuration}. What it applied, and how (live or by a restart), is printed.
 */
final class ConfigCommand {

    static final String USAGE = "Usage: ./playground config set <app> <key>=<value>... | show <app> | diff <app> "
            + "| reset <app> [<key>...]|--all";

    private final Configuration configuration;
    private final StateFolder state;
    private final PrintStream out;

    ConfigCommand(Configuration configuration, StateFolder state, PrintStream out) {
        this.configuration = configuration;
        this.state = state;
        this.out = out;
    }

    /** {@code words}: the whole command line, {@code config} first. */
    void run(List<String> words) {
        String sub = words.size() > 1 ? words.get(1) : "";
        switch (sub) {
            case "set" -> {
                if (words.size() < 4) {
                    throw new PlaygroundException(USAGE, PlaygroundException.USAGE);
                }
                applied(configuration.set(app(words), Arguments.settings(words.subList(3, words.size()))));
            }
            case "show" -> show(app(words));
            case "diff" -> diff(app(words));
            case "reset" -> {
                if (words.contains("--all")) {
                    configuration.resetAll();
                    out.println("Every overlay removed: every app runs on its packaged settings.");
                } else if (words.size() > 3) {
                    applied(configuration.unset(app(words), words.subList(3, words.size()).toArray(String[]::new)));
                } else {
                    applied(configuration.reset(app(words)));
                }
            }
            default -> throw new PlaygroundException(USAGE, PlaygroundException.USAGE);
        }
    }

    /** One line on what applying did. */
    void applied(Configuration.Applied applied) {
        String app = applied.app();
        if (!configuration.running(app)) {
            out.printf("%s: written to %s; it applies when %s starts.%n", app, state.relative(configuration.file(app)), app);
        } else if (applied.took().isZero()) {
            out.printf("%s: nothing changed.%n", app);
        } else {
            out.printf("%s: applied %s in %.1f s.%n", app, applied.live() ? "live (refreshed, no restart)"
                    : "by restarting it", applied.took().toMillis() / 1000.0);
        }
    }

    private void show(String app) {
        Map<String, String> overlay = configuration.overlay(app);
        out.printf("%s: overlay %s%s%n", app, state.relative(configuration.file(app)), overlay.isEmpty() ? " (none)" : "");
        overlay.forEach((key, value) -> out.printf("  %s=%s%n", key, value));
        Map<String, String> keys = new LinkedHashMap<>(configuration.wellKnown(app));
        overlay.keySet().forEach(key -> keys.putIfAbsent(key, "(in the overlay)"));
        boolean running = configuration.running(app);
        out.printf("%nin force%s (* from the overlay; ./playground config set %s KEY=VALUE changes any):%n",
                running ? "" : " once it runs: it is not running now", app);
        int width = keys.keySet().stream().mapToInt(String::length).max().orElse(0);
        keys.forEach((key, what) -> {
            String value = running ? shown(configuration.effective(app, key)) : "-";
            out.printf("%s %-" + width + "s  %-10s %s%n", overlay.containsKey(key) ? "*" : " ", key, value, what);
        });
    }

    private void diff(String app) {
        Map<String, String> overlay = configuration.overlay(app);
        if (overlay.isEmpty()) {
            out.printf("%s: no overlay; its packaged settings are in force.%n", app);
            return;
        }
        boolean running = configuration.running(app);
        out.printf("%s: packaged -> overlay%s%n", app, running ? "" : " (start it to see the packaged values)");
        overlay.forEach((key, value) -> out.printf("  %s: %s -> %s%n", key,
                running ? shown(configuration.packaged(app, key)) : "?", value));
    }

    /** A value as printed; none at all means the code's own default holds. */
    private static String shown(String value) {
        return value == null ? "(not set)" : value;
    }

    private static String app(List<String> words) {
        if (words.size() < 3 || words.get(2).startsWith("-")) {
            throw new PlaygroundException(USAGE, PlaygroundException.USAGE);
        }
        return words.get(2);
    }
}
