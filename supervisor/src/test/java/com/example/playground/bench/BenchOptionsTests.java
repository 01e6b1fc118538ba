package com.example.playground.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.PlaygroundException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {

    @Test
    void withoutOptionsBothStylesGetFiftyOrdersASecondForAMinute() {
        BenchOptions options = BenchOptions.of(null, null, null, null, false);

        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.seconds()).isEqualTo(60);
        assertThat(options.styles()).containsExactly("orchestration", "choreography");
        assertThat(options.clients()).isEqualTo(32);
        assertThat(options.sampling()).isEqualTo(0.1);
    }

    @Test
    void oneStyleAndOtherFiguresCanBeAsked() {
        BenchOptions options = BenchOptions.of("12.5", "30", "choreography", "1", false);

        assertThat(options.rate()).isEqualTo(12.5);
        assertThat(options.seconds()).isEqualTo(30);
        assertThat(options.styles()).isEqualTo(List.of("choreography"));
        assertThat(options.sampling()).isEqualTo(1.0);
    }

    @Test
    void smokeIsAFewSecondsOfEverything() {
        BenchOptions options = BenchOptions.of(null, null, null, null, true);

        assertThat(options.smoke()).isTrue();
        assertThat(options.rate() * options.seconds()).isEqualTo(15);
        assertThat(options.styles()).hasSize(2);
    }

    @Test
    void figuresOutOfRangeOrNotNumbersAreUsageErrors() {
        for (String[] bad : new String[][] {{"0", "60", null, null}, {"abc", "60", null, null}, {"50", "0", null, null},
                {"50", "601", null, null}, {"50", "60", "sideways", null}, {"-5", "60", null, null},
                {"50", "60", null, "1.5"}, {"50", "60", null, "0.001"}, {"50", "60", null, "all"}}) {
            assertThatThrownBy(() -> BenchOptions.of(bad[0], bad[1], bad[2], bad[3], false)).as(String.join(" ", bad))
                    .isInstanceOfSatisfying(PlaygroundException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(PlaygroundException.USAGE));
        }
    }
}
