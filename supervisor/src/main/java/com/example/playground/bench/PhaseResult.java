package com.example.playground.bench;

import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One saga style's phase of a bench: what Gatling saw (orders sent, accepted, refused, POST latency)
 * and what order-service's own timestamps say ({@code /actuator/ordertimings}): how many ended, how
 * long from placed to ended, the backlog when the load stopped, and the CPU the stack spent.
 */
record PhaseResult(String style, long sent, long accepted, Map<String, Object> refusedByStatus,
                   long postP50, long postP95, long postP99, Map<String, Object> atLoadEnd,
                   Map<String, Object> atEnd, Duration drainedIn, double cpuSeconds, OptionalLong residentBytes) {

    long ended() {
        return count(atEnd, "approved") + count(atEnd, "rejected");
    }

    long pendingAtLoadEnd() {
        return count(atLoadEnd, "pending");
    }

    long pendingAtEnd() {
        return count(atEnd, "pending");
    }

    long latency(String which) {
        return ((Number) Json.at(atEnd, "placedToEnd", which).orElse(-1)).longValue();
    }

    /** Ended sagas per second, from the first order placed to the last one ended (the drain included). */
    double sustainedPerSecond() {
        String first = Json.text(atEnd, "firstPlaced");
        String last = Json.text(atEnd, "lastEnded");
        if (first == null || last == null) {
            return 0;
        }
        long millis = Duration.between(Instant.parse(first), Instant.parse(last)).toMillis();
        return millis <= 0 ? 0 : ended() * 1000.0 / millis;
    }

    /** CPU milliseconds of the whole stack per ended saga. */
    double cpuMillisPerSaga() {
        return ended() == 0 ? 0 : cpuSeconds * 1000 / ended();
    }

    static long count(Map<String, Object> timings, String name) {
        return ((Number) Json.at(timings, name).orElse(0)).longValue();
    }
}
