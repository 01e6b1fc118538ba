package com.example.playground.cli;

import com.example.playground.supervisor.AutoscaleRule;
import com.example.playground.supervisor.JvmMode;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line of {@code ./playground}, read: the command, the name it acts on, and its options. */
record Arguments(List<String> all) {

    static Arguments of(String... args) {
        return new Arguments(List.of(args));
    }

    String command() {
        return all.isEmpty() ? "help" : all.get(0);
    }

    /** The word after the command (a process, a service, a sub-command), if there is one. */
    String second() {
        return all.size() > 1 ? all.get(1) : null;
    }

    /** The process or service the command acts on: the first word after the command that is not an option. */
    String name() {
        return all.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst()
                .orElseThrow(() -> new PlaygroundException("Name a process, e.g. './playground " + command()
                        + " payment-service'.", PlaygroundException.USAGE));
    }

    boolean has(String flag) {
        return all.contains(flag);
    }

    /** The value after {@code --name}, or null if the option is not there. */
    String option(String name) {
        int at = all.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= all.size() || all.get(at + 1).startsWith("--")) {
            throw new PlaygroundException(name + " needs a value.", PlaygroundException.USAGE);
        }
        return all.get(at + 1);
    }

    /** The game day's seed, {@code --seed N}: a whole number. */
    long seed() {
        String seed = option("--seed");
        if (seed == null || !seed.matches("-?\\d{1,18}")) {
            throw new PlaygroundException("Usage: ./playground chaos --seed N  (N a whole number, picked by the"
                    + " instructor)", PlaygroundException.USAGE);
        }
        return Long.parseLong(seed);
    }

    /**
     * A lab's answer: {@code --answer TEXT}, or the text of {@code --answers FILE} (a path relative to
     * the project's folder, where {@code ./playground} runs); null if neither is given.
     */
    String answer(Path home) {
        String file = option("--answers");
        if (file == null) {
            return option("--answer");
        }
        Path path = home.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot read the answers file " + path + " (" + e.getMessage() + ").",
                    PlaygroundException.USAGE);
        }
    }

    Duration timeout() {
        String seconds = option("--timeout");
        try {
            return seconds == null ? Duration.ofSeconds(180) : Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new PlaygroundException("--timeout takes a number of seconds.", PlaygroundException.USAGE);
        }
    }

    /**
     * The settings of {@code break}: every {@code --NAME VALUE} but the target, by name, passed on as
     * they are; a {@code --NAME} with no value is {@code true} ({@code --hang}). The service knows the
     * kinds of fault and refuses what it does not.
     */
    Map<String, String> faultSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean named = false;
        for (int i = 1; i < all.size(); i++) {
            String word = all.get(i);
            if (!word.startsWith("--")) {
                // The service's name; any other loose word would be ignored, and the wrong target broken.
                if (named) {
                    throw new PlaygroundException("'" + word + "' is not an option of " + command() + ": a target is named"
                            + " with --target " + word + ", a kind of fault with --KIND [VALUE] ('./playground faults "
                            + name() + "' lists them).", PlaygroundException.USAGE);
                }
                named = true;
                continue;
            }
            boolean hasValue = i + 1 < all.size() && !all.get(i + 1).startsWith("--");
            String value = hasValue ? all.get(++i) : "true";
            if (!word.equals("--target")) {
                settings.put(word.substring(2), value);
            }
        }
        return settings;
    }

    /**
     * What {@code redeliver} asks the service for: {@code {"topic": T, "last": true}} or
     * {@code {"topic": T, "offset": N}} with a {@code "partition"} if one was named.
     */
    Map<String, Object> redelivery() {
        String topic = option("--topic");
        if (topic == null || has("--last") == (option("--offset") != null)) {
            throw new PlaygroundException("Usage: ./playground redeliver <service> --topic T (--last | --offset N)"
                    + " [--partition P]", PlaygroundException.USAGE);
        }
        Map<String, Object> which = new LinkedHashMap<>();
        which.put("topic", topic);
        if (has("--last")) {
            which.put("last", true);
        } else {
            which.put("offset", number("--offset"));
        }
        if (option("--partition") != null) {
            which.put("partition", number("--partition"));
        }
        return which;
    }

    private long number(String name) {
        try {
            return Long.parseLong(option(name));
        } catch (NumberFormatException e) {
            throw new PlaygroundException(name + " takes a whole number, not '" + option(name) + "'.",
                    PlaygroundException.USAGE);
        }
    }

    /**
     * The settings of {@code up --set APP:KEY=VALUE} (repeatable), by app, in the order given: written
     * to each app's overlay before it starts.
     */
    Map<String, Map<String, String>> sets() {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).equals("--set")) {
                continue;
            }
            String value = i + 1 < all.size() ? all.get(i + 1) : "";
            int colon = value.indexOf(':');
            if (colon < 1) {
                throw new PlaygroundException("--set takes APP:KEY=VALUE, e.g. saga-orchestrator:playground.saga.step-timeout=20s, "
                        + "not '" + value + "'.", PlaygroundException.USAGE);
            }
            sets.computeIfAbsent(value.substring(0, colon), app -> new LinkedHashMap<>())
                    .putAll(settings(List.of(value.substring(colon + 1))));
        }
        return sets;
    }

    /** {@code KEY=VALUE} words as settings, in the order given; a word without a key and '=' is a usage error. */
    static Map<String, String> settings(List<String> words) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 1) {
                throw new PlaygroundException("A setting is KEY=VALUE, e.g. playground.saga.step-timeout=20s, not '" + word
                        + "'.", PlaygroundException.USAGE);
            }
            settings.put(word.substring(0, equals), word.substring(equals + 1));
        }
        return settings;
    }

    /**
     * The stack: with the instance counts asked for by 'up --instances' and the opt-in processes of
     * 'up --with', or those it was started with.
     */
    Stack stack(RememberedSettings remembered, int portOffset) {
        Map<String, Integer> instances = new LinkedHashMap<>(remembered.instances());
        int at = all.indexOf("--instances");
        if (at >= 0) {
            if (at + 1 >= all.size()) {
                throw new PlaygroundException("--instances takes SERVICE=COUNT[,SERVICE=COUNT], e.g. inventory-service=2.",
                        PlaygroundException.USAGE);
            }
            for (String pair : all.get(at + 1).split(",")) {
                String[] parts = pair.split("=");
                try {
                    instances.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new PlaygroundException("--instances takes SERVICE=COUNT, e.g. inventory-service=2, not '"
                            + pair + "'.", PlaygroundException.USAGE);
                }
            }
        }
        optIn("--with", 1, instances);
        optIn("--without", 0, instances);
        return Stack.withPortOffset(portOffset).withInstances(instances);
    }

    /** {@code --with NAME[,NAME]} turns opt-in processes on (count 1), {@code --without} off (0). */
    private void optIn(String flag, int count, Map<String, Integer> instances) {
        String names = option(flag);
        if (names == null) {
            return;
        }
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (!Stack.optInNames().contains(trimmed)) {
                List<String> known = Stack.optInNames();
                throw new PlaygroundException(flag + " takes " + String.join(", ", known.subList(0, known.size() - 1))
                        + " or " + known.get(known.size() - 1) + ", not '" + trimmed + "'.", PlaygroundException.USAGE);
            }
            instances.put(trimmed, count);
        }
    }

    /** The PostgreSQL URL asked for by 'up --db postgres', or the one the stack was started with; null for H2. */
    String postgres(RememberedSettings remembered) {
        String db = option("--db");
        String url = option("--db-url");
        if (db == null && url == null) {
            return remembered.postgres();
        }
        if (db != null && !db.equals("h2") && !db.equals("postgres")) {
            throw new PlaygroundException("--db takes h2 or postgres, not '" + db + "'.", PlaygroundException.USAGE);
        }
        if ("h2".equals(db)) {
            return null;
        }
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    /** The auto-scaling rules asked for by 'up --autoscale' (none for 'off'), or empty if it was not given: keep those in force. */
    Optional<List<AutoscaleRule>> autoscale() {
        String rules = option("--autoscale");
        return rules == null ? Optional.empty() : Optional.of(AutoscaleRule.parse(rules));
    }

    /** The JVM mode asked for by 'up --jvm lean|fast', or the one the stack was started with. */
    JvmMode jvm(RememberedSettings remembered) {
        String mode = option("--jvm");
        return mode == null ? remembered.jvm() : JvmMode.parse(mode);
    }
}
