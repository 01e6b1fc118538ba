package com.example.playground.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.autoscale.ScalingPolicy.Decision;
import com.example.playground.autoscale.ScalingPolicy.Reading;
import com.example.playground.supervisor.AutoscaleRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the autoscaler steps: one instance at a time, on lag that held, within the rule, never while settling. */
class ScalingPolicyTests {

    private static final AutoscaleRule RULE = new AutoscaleRule("inventory-service", 1, 3);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    /** One reading a second from T0, the given lags in order; "now" is the last reading's moment. */
    private static List<Reading> readings(long... lags) {
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            list.add(new Reading(T0.plusSeconds(i), lags[i]));
        }
        return list;
    }

    private static Decision decide(int instances, long... lags) {
        return ScalingPolicy.decide(RULE, instances, readings(lags), T0.plusSeconds(lags.length - 1), null);
    }

    @Test
    void lagThatStaysHighForFiveSecondsAddsOneInstance() {
        assertThat(decide(1, 30, 30, 30, 30, 30, 30).instances()).isEqualTo(2);
        assertThat(decide(2, 30, 30, 30, 30, 30, 30).instances()).isEqualTo(3);
        assertThat(decide(1, 30, 30, 30, 30, 30, 30).why()).contains("lag >= 20 for 5 s (now 30)");
    }

    @Test
    void aShortSpikeOrADipInTheWindowAddsNothing() {
        assertThat(decide(1, 0, 0, 0, 500, 500).instances()).isEqualTo(1);
        assertThat(decide(1, 30, 30, 30, 5, 30, 30).instances()).isEqualTo(1);
        // Not yet five seconds of readings: nothing reaches back to the window's start.
        assertThat(decide(1, 30, 30, 30, 30, 30).instances()).isEqualTo(1);
    }

    @Test
    void neverBeyondTheRulesMaximumOrBelowItsMinimum() {
        assertThat(decide(3, 30, 30, 30, 30, 30, 30).instances()).isEqualTo(3);
        long[] quiet = new long[16];
        assertThat(decide(1, quiet).instances()).isEqualTo(1);
    }

    @Test
    void fifteenQuietSecondsTakeOneInstanceAwayFiveDoNot() {
        long[] quiet = new long[16];
        assertThat(decide(3, quiet).instances()).isEqualTo(2);
        assertThat(decide(2, 0, 0, 0, 0, 0, 0).instances()).isEqualTo(2);
        long[] almost = new long[16];
        almost[8] = 3;
        assertThat(decide(2, almost).instances()).isEqualTo(2);
    }

    @Test
    void aStackOutsideTheRuleIsBroughtInsideAtOnce() {
        AutoscaleRule twoToThree = new AutoscaleRule("inventory-service", 2, 3);
        Decision decision = ScalingPolicy.decide(twoToThree, 1, List.of(), T0, null);
        assertThat(decision.instances()).isEqualTo(2);
        assertThat(decision.why()).isEqualTo("1 instances is outside inventory-service=2..3");
        // One step at a time, and not while the last one settles (a step that failed is retried every 10 s, not every second).
        AutoscaleRule justOne = new AutoscaleRule("inventory-service", 1, 1);
        assertThat(ScalingPolicy.decide(justOne, 3, List.of(), T0, null).instances()).isEqualTo(2);
        assertThat(ScalingPolicy.decide(justOne, 3, List.of(), T0, T0.minusSeconds(2)).instances()).isEqualTo(3);
    }

    @Test
    void nothingHappensWhileTheLastStepSettles() {
        List<Reading> high = readings(30, 30, 30, 30, 30, 30);
        Instant now = T0.plusSeconds(5);

        assertThat(ScalingPolicy.decide(RULE, 1, high, now, now.minusSeconds(3)).instances()).isEqualTo(1);
        // Settled, but the readings of the rebalance do not count: five seconds of them are needed after it.
        assertThat(ScalingPolicy.decide(RULE, 1, high, now, now.minusSeconds(11)).instances()).isEqualTo(1);
        assertThat(ScalingPolicy.decide(RULE, 1, high, now, now.minusSeconds(15)).instances()).isEqualTo(2);
    }
}
