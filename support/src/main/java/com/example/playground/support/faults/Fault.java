package com.example.playground.support.faults;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What is broken on purpose at one target of a service: added latency (a fixed value or a range),
 * a share of calls that fail, or a hang that lasts until the fault is healed.
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
            throw new IllegalArgumentException("Latency must be MS or MIN-MAX with 0 <= MIN <= MAX");
        }
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("Error rate must be between 0 and 1");
        }
    }

    /** Reads {@code "300"} or {@code "100-500"} (milliseconds); null or blank means none. */
    public static long[] latency(String text) {
        if (text == null || text.isBlank()) {
            return new long[] {0, 0};
        }
        try {
            String[] parts = text.trim().split("-", 2);
            long min = Long.parseLong(parts[0].trim());
            long max = parts.length == 2 ? Long.parseLong(parts[1].trim()) : min;
            return new long[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Latency must be MS or MIN-MAX in milliseconds, not '" + text + "'");
        }
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
