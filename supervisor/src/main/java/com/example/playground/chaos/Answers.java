package com.example.playground.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A team's answers file, read forgivingly: one finding per line, the kind first, then where.
 * <pre>
 * kill inventory-service
 * fault payment-service inbound latency      # the target may be left out: inbound
 * switch order-service outbox-relay-paused
 * kafka stopped
 * </pre>
 * Case does not matter; {@code #} starts a comment; list markers ({@code -}, {@code *}, {@code 1.}),
 * a leading {@code ./playground}, {@code --} before a word, the words {@code target}, {@code on},
 * {@code true} and {@code is}, and numbers (a latency, a rate) are passed over, so a {@code break},
 * {@code switch}, {@code kill} or {@code kafka stop} command copied from a terminal reads as the
 * finding it makes; {@code payment-service down} is a kill. A line that still cannot be read is
 * given back as not understood: it neither scores nor costs.
 *
 * @param findings   what the team names, each once, in the order written
 * @param unreadable the lines that could not be read, each with why
 */
record Answers(List<Finding> findings, List<String> unreadable) {

    /** One thing a team says is broken, in the words an answers file uses for it. */
    record Finding(String kind, String process, String where) {

        /** The finding as a line of an answers file. */
        @Override
        public String toString() {
            return String.join(" ", Stream.of(kind, process, where).filter(s -> !s.isEmpty()).toList());
        }
    }

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("kill", "kill"), Map.entry("killed", "kill"), Map.entry("crashed", "kill"),
            Map.entry("down", "kill"), Map.entry("fault", "fault"), Map.entry("break", "fault"),
            Map.entry("broken", "fault"), Map.entry("switch", "switch"), Map.entry("kafka", "kafka"),
            Map.entry("broker", "kafka"));
    private static final Map<String, String> FAULT_KINDS = Map.ofEntries(
            Map.entry("latency", "latency"), Map.entry("slow", "latency"), Map.entry("delay", "latency"),
            Map.entry("error-rate", "error-rate"), Map.entry("errors", "error-rate"), Map.entry("error", "error-rate"),
            Map.entry("failing", "error-rate"), Map.entry("hang", "hang"), Map.entry("hangs", "hang"),
            Map.entry("hung", "hang"));
    private static final Set<String> PASSED_OVER = Set.of("./playground", "playground", "target", "on", "true", "is");
    private static final Set<String> GONE = Set.of("stopped", "stop", "down", "dead", "killed", "crashed");

    /** Reads an answers file; {@code processes} are the names a line may use (the stack's). */
    static Answers read(String text, Collection<String> processes) {
        Set<Finding> findings = new LinkedHashSet<>();
        List<String> unreadable = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                findings.add(finding(words(line), processes));
            } catch (IllegalArgumentException e) {
                unreadable.add("line %d \"%s\": %s".formatted(i + 1, line, e.getMessage()));
            }
        }
        return new Answers(List.copyOf(findings), List.copyOf(unreadable));
    }

    /** One line read as a finding, e.g. the answer line of a breakage. */
    static Finding finding(String line, Collection<String> processes) {
        return finding(words(line), processes);
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word : line.toLowerCase(Locale.ROOT).split("[\\s,;:]+")) {
            String bare = word.replaceFirst("^--", "");
            boolean listMarker = word.matches("[-*]|\\d+[.)]");
            boolean number = bare.matches("[\\d.%-]+(ms|s)?");
            if (!bare.isEmpty() && !listMarker && !number && !PASSED_OVER.contains(bare)) {
                words.add(bare);
            }
        }
        return words;
    }

    private static Finding finding(List<String> words, Collection<String> processes) {
        if (words.size() == 2 && processes.contains(words.get(0)) && GONE.contains(words.get(1))) {
            words = List.of("kill", words.get(0)); // "payment-service down"
        }
        String kind = words.isEmpty() ? null : KINDS.get(words.get(0));
        if (kind == null) {
            throw new IllegalArgumentException("start with kill, fault, switch or kafka");
        }
        List<String> rest = words.subList(1, words.size());
        if (kind.equals("kill") && rest.equals(List.of("kafka"))) {
            kind = "kafka"; // the broker killed or stopped: down either way
            rest = List.of();
        }
        return switch (kind) {
            case "kafka" -> {
                if (!GONE.containsAll(rest)) {
                    throw new IllegalArgumentException("say 'kafka stopped'");
                }
                yield new Finding("kafka", "", "stopped");
            }
            case "kill" -> {
                if (rest.size() != 1) {
                    throw new IllegalArgumentException("say 'kill SERVICE'");
                }
                yield new Finding("kill", known(rest.get(0), processes), "");
            }
            case "switch" -> {
                if (rest.size() != 2) {
                    throw new IllegalArgumentException("say 'switch SERVICE SWITCH'");
                }
                yield new Finding("switch", known(rest.get(0), processes), rest.get(1));
            }
            default -> fault(rest, processes);
        };
    }

    /** {@code SERVICE [TARGET] KIND}, the kind anywhere after the service; no target is {@code inbound}. */
    private static Finding fault(List<String> rest, Collection<String> processes) {
        List<String> where = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (String word : rest) {
            if (FAULT_KINDS.containsKey(word)) {
                kinds.add(FAULT_KINDS.get(word));
            } else {
                where.add(word);
            }
        }
        if (kinds.size() != 1 || where.isEmpty() || where.size() > 2) {
            throw new IllegalArgumentException("say 'fault SERVICE [TARGET] latency|error-rate|hang'");
        }
        String target = where.size() == 2 ? where.get(1) : "inbound";
        return new Finding("fault", known(where.get(0), processes), target + " " + kinds.get(0));
    }

    private static String known(String process, Collection<String> processes) {
        if (!processes.contains(process)) {
            throw new IllegalArgumentException("'" + process + "' is no process of the playground");
        }
        return process;
    }
}
