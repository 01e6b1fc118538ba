package com.example.playground.support.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What is broken on purpose at one target of a service: added latency (a fixed value or a range),
 * a share of calls that fail, or a hang that lasts until the fault is healed. They combine.
 *
 * @param target     what the fault hits: {@code inbound}, a dependency's name, or a topic
 * @param minLatencyMs added latency, lower bound
 * @param maxLatencyMs added latency, upper bound (equal to the lower bound for a fixed latency)
 * @param errorRate  share of calls that fail, 0 to 1, evenly spread (0.25: every fourth call)
 * @param hang       calls wait until the fault is healed
 */
public record Fault(String target, long minLatencyMs, long maxLatencyMs, double errorRate, boolean hang) {

    public Fault {
        if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
            throw new IllegalArgumentException("latency takes MS or MIN-MAX with 0 <= MIN <= MAX");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) { // NaN too
            throw new IllegalArgumentException("error-rate takes a number from 0 to 1");
        }
    }

    /**
     * A fault from its settings by {@link FaultKind} name, e.g. {@code {"latency": "100-300",
     * "error-rate": 0.5}}. Values are read strictly: a kind that is not known, or a value that does
     * not say exactly one thing, is refused, never guessed at.
     */
    public static Fault of(String target, Map<String, ?> settings) {
        if (settings == null || settings.isEmpty()) {
            throw new IllegalArgumentException("Say how to break it: " + String.join(", ",
                    List.of(FaultKind.values()).stream().map(k -> k.id() + " " + k.value()).toList()));
        }
        long[] latency = {0, 0};
        double errorRate = 0;
        boolean hang = false;
        for (Map.Entry<String, ?> setting : settings.entrySet()) {
            String value = String.valueOf(setting.getValue()).trim();
            switch (FaultKind.named(setting.getKey())) {
                case LATENCY -> latency = latency(value);
                case ERROR_RATE -> errorRate = errorRate(value);
                case HANG -> hang = flag(FaultKind.HANG, value);
            }
        }
        Fault fault = new Fault(target, latency[0], latency[1], errorRate, hang);
        if (fault.settings().isEmpty()) {
            throw new IllegalArgumentException("These settings break nothing: " + settings);
        }
        return fault;
    }

    /** The settings that make this fault, by kind name: what {@link #of} reads. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (maxLatencyMs > 0) {
            settings.put(FaultKind.LATENCY.id(), minLatencyMs == maxLatencyMs ? Long.toString(minLatencyMs)
                    : minLatencyMs + "-" + maxLatencyMs);
        }
        if (errorRate > 0) {
            settings.put(FaultKind.ERROR_RATE.id(), BigDecimal.valueOf(errorRate).stripTrailingZeros().toPlainString());
        }
        if (hang) {
            settings.put(FaultKind.HANG.id(), "true");
        }
        return settings;
    }

    /** In words, for people: "fails 50 % of calls, 100-300 ms slower". */
    public String description() {
        List<String> parts = new ArrayList<>();
        if (hang) {
            parts.add("hangs until healed");
        }
        if (errorRate > 0) {
            parts.add("fails %s %% of calls".formatted(BigDecimal.valueOf(errorRate * 100).stripTrailingZeros()
                    .toPlainString()));
        }
        if (maxLatencyMs > 0) {
            parts.add(settings().get(FaultKind.LATENCY.id()) + " ms slower");
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** Reads {@code "300"} or {@code "100-500"} (milliseconds). */
    static long[] latency(String text) {
        try {
            String[] parts = text.split("-", 2);
            long min = Long.parseLong(parts[0].trim());
            long max = parts.length == 2 ? Long.parseLong(parts[1].trim()) : min;
            return new long[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency takes MS or MIN-MAX in milliseconds, not '" + text + "'");
        }
    }

    private static double errorRate(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("error-rate takes a number from 0 to 1, not '" + text + "'");
        }
    }

    private static boolean flag(FaultKind kind, String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(kind.id() + " takes true or false, not '" + text + "'");
        };
    }

    long pickLatencyMs() {
        return minLatencyMs == maxLatencyMs ? minLatencyMs
                : ThreadLocalRandom.current().nextLong(minLatencyMs, maxLatencyMs + 1);
    }

    /** Whether the n-th call (counted from 1) fails: exactly {@code errorRate} of them, evenly spread. */
    boolean fails(long call) {
        return Math.floor(call * errorRate) > Math.floor((call - 1) * errorRate);
    }
}
