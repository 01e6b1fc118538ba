package com.example.playground.autoscale;

import com.example.playground.supervisor.AutoscaleRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * When the autoscaler adds or removes an instance: one step at a time, only on a signal that held
 * for a while, never right after a step. The signal is the consumer lag of the service's group (the
 * records its instances have not read yet, summed over its topics): it rises when messages arrive
 * faster than the instances handle them, which is what another instance fixes, and it does not
 * rise when the service is merely busy answering HTTP. Scaling in waits three times longer than
 * scaling out: a fleet that shrinks at the first quiet second grows again at the next burst.
 */
final class ScalingPolicy {

    /** Out: at least this many records behind... */
    static final long OUT_LAG = 20;
    /** ...at every reading for this long (one reading a second). */
    static final Duration OUT_FOR = Duration.ofSeconds(5);
    /** In: at most this many records behind... */
    static final long IN_LAG = 2;
    /** ...at every reading for this long. */
    static final Duration IN_FOR = Duration.ofSeconds(15);
    /** After a step, its new consumer group (a rebalance) settles before the next reading counts. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    /** One reading of the signal. */
    record Reading(Instant at, long lag) {
    }

    /** The count to scale to (the current one: stay) and why. */
    record Decision(int instances, String why) {
    }

    private ScalingPolicy() {
    }

    /**
     * @param readings the readings since the last step, oldest first
     * @param lastStep when the last step ended, or null if none did yet
     */
    static Decision decide(AutoscaleRule rule, int instances, List<Reading> all, Instant now, Instant lastStep) {
        if (lastStep != null && now.isBefore(lastStep.plus(SETTLE))) {
            return new Decision(instances, "settling after the last step");
        }
        if (rule.bounded(instances) != instances) {
            int to = instances + Integer.signum(rule.bounded(instances) - instances);
            return new Decision(to, "%d instances is outside %s".formatted(instances, rule));
        }
        // What was read while the last step settled (a rebalance) does not count.
        List<Reading> readings = lastStep == null ? all
                : all.stream().filter(r -> !r.at().isBefore(lastStep.plus(SETTLE))).toList();
        if (instances < rule.max() && held(readings, now, OUT_FOR, lag -> lag >= OUT_LAG)) {
            return new Decision(instances + 1, "lag >= %d for %d s (now %d)".formatted(OUT_LAG, OUT_FOR.toSeconds(),
                    readings.get(readings.size() - 1).lag()));
        }
        if (instances > rule.min() && held(readings, now, IN_FOR, lag -> lag <= IN_LAG)) {
            return new Decision(instances - 1, "lag <= %d for %d s (now %d)".formatted(IN_LAG, IN_FOR.toSeconds(),
                    readings.get(readings.size() - 1).lag()));
        }
        return new Decision(instances, "steady");
    }

    /**
     * Whether the signal passed for the whole of the last {@code window}: the last reading taken at or
     * before its start and every one since. A window with no reading at its start (just after a step,
     * or after the signal was lost) is not held.
     */
    static boolean held(List<Reading> readings, Instant now, Duration window, LongPredicate passes) {
        Instant from = now.minus(window);
        int start = -1;
        for (int i = 0; i < readings.size(); i++) {
            if (!readings.get(i).at().isAfter(from)) {
                start = i;
            }
        }
        return start >= 0 && readings.subList(start, readings.size()).stream().allMatch(r -> passes.test(r.lag()));
    }
}
