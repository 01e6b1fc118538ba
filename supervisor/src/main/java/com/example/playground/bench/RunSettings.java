package com.example.playground.bench;

import com.example.playground.supervisor.Configuration;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a bench changes for its run (the rate limit lifted, the sampling lowered), through
 * the overlay like {@code ./playground config set}, and puts back when closed: each key to the
 * overlay value it had, or out of the overlay if it had none.
 */
final class RunSettings implements AutoCloseable {

    private final Configuration configuration;
    private final PrintStream out;
    /** app → key → the overlay's value before the run (null: the key was not in the overlay). */
    private final Map<String, Map<String, String>> before = new LinkedHashMap<>();

    RunSettings(Configuration configuration, PrintStream out) {
        this.configuration = configuration;
        this.out = out;
    }

    void set(String app, Map<String, String> settings) {
        Map<String, String> overlay = configuration.overlay(app);
        Map<String, String> previous = before.computeIfAbsent(app, a -> new LinkedHashMap<>());
        settings.keySet().forEach(key -> previous.putIfAbsent(key, overlay.get(key)));
        configuration.set(app, settings);
    }

    @Override
    public void close() {
        before.forEach((app, previous) -> {
            Map<String, String> back = new LinkedHashMap<>();
            previous.forEach((key, value) -> {
                if (value != null) {
                    back.put(key, value);
                }
            });
            List<String> absent = previous.entrySet().stream().filter(e -> e.getValue() == null)
                    .map(Map.Entry::getKey).toList();
            out.printf("Putting %s's settings back...%n", app);
            if (!absent.isEmpty()) {
                configuration.unset(app, absent.toArray(String[]::new));
            }
            if (!back.isEmpty()) {
                configuration.set(app, back);
            }
        });
    }
}
