package com.example.playground.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What later commands must know of the running stack, written down by {@code up} and forgotten by
 * {@code down}: how many instances of each service it runs and which opt-in processes
 * ({@code run/instances}: {@code inventory-service=2}, {@code monolith=1}), the
 * PostgreSQL it uses ({@code run/database}; absent for H2) and its JVM mode ({@code run/jvm};
 * absent for lean), so a restarted process gets the flags of the others; and the auto-scaling rules of
 * {@code up --autoscale} ({@code run/autoscale}), which the control room's autoscaler follows. Without them, {@code ./playground kill
 * inventory-service-2} after {@code up --instances inventory-service=2} would not know the name.
 */
public final class RememberedSettings {

    private final Path instances;
    private final Path database;
    private final Path jvm;
    private final Path autoscale;

    public RememberedSettings(StateFolder state) {
        this.instances = state.run().resolve("instances");
        this.database = state.run().resolve("database");
        this.jvm = state.run().resolve("jvm");
        this.autoscale = state.run().resolve("autoscale");
    }

    /** The instance counts the running stack was started with ({@code inventory-service=2}), if any. */
    public Map<String, Integer> instances() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            if (Files.exists(instances)) {
                for (String line : Files.readAllLines(instances)) {
                    String[] parts = line.split("=");
                    if (parts.length == 2) {
                        counts.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return counts;
    }

    /** The PostgreSQL URL the running stack was started with, or null when it runs on H2. */
    public String postgres() {
        try {
            return Files.exists(database) ? Files.readString(database).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The JVM mode the running stack was started with: lean unless it was started with {@code --jvm fast}. */
    public JvmMode jvm() {
        try {
            return Files.exists(jvm) ? JvmMode.parse(Files.readString(jvm).strip()) : JvmMode.LEAN;
        } catch (IOException | PlaygroundException e) {
            return JvmMode.LEAN;
        }
    }

    /** The auto-scaling rules in force: none unless {@code up --autoscale} gave some; none if the file is unreadable. */
    public List<AutoscaleRule> autoscale() {
        try {
            return Files.exists(autoscale) ? AutoscaleRule.parse(Files.readString(autoscale).strip()) : List.of();
        } catch (IOException | PlaygroundException e) {
            return List.of();
        }
    }

    /** Written whole, so the autoscaler never reads half a file: a new file moved over the old one. */
    void rememberAutoscale(List<AutoscaleRule> rules) {
        try {
            Files.createDirectories(autoscale.getParent());
            if (rules.isEmpty()) {
                Files.deleteIfExists(autoscale);
                return;
            }
            Path next = autoscale.resolveSibling("autoscale.next");
            Files.writeString(next, String.join(",", rules.stream().map(AutoscaleRule::toString).toList()));
            Files.move(next, autoscale, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + autoscale + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    void remember(Stack stack, String postgresUrl, JvmMode mode) {
        try {
            Files.createDirectories(instances.getParent());
            if (mode == JvmMode.LEAN) {
                Files.deleteIfExists(jvm);
            } else {
                Files.writeString(jvm, mode.label());
            }
            if (postgresUrl == null) {
                Files.deleteIfExists(database);
            } else {
                Files.writeString(database, postgresUrl);
            }
            List<String> lines = stack.instances().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            if (lines.isEmpty()) {
                Files.deleteIfExists(instances);
            } else {
                Files.write(instances, lines);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + instances + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(instances);
            Files.deleteIfExists(database);
            Files.deleteIfExists(jvm);
            Files.deleteIfExists(autoscale);
        } catch (IOException e) {
            // Only remembered settings; the next 'up' writes them again.
        }
    }
}
