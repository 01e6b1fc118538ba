package com.example.playground.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.canary.ErrorBudget.Count;
import com.example.playground.canary.ErrorBudget.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the canary has failed too often: more than 5 % of its reads of the last 10 s, or of its last 10 reads if it had fewer. */
class ErrorBudgetTests {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void moreThanFivePerCentOfTenReadsFailedSpendsIt() {
        Verdict verdict = ErrorBudget.judge(List.of(count(0, 100, 3), count(5, 120, 5)), T0.plusSeconds(5));

        assertThat(verdict).isEqualTo(new Verdict(20, 2, true));
        assertThat(verdict.percent()).isEqualTo(10);
    }

    @Test
    void fivePerCentExactlyDoesNot() {
        assertThat(ErrorBudget.judge(List.of(count(0, 0, 0), count(9, 40, 2)), T0.plusSeconds(9)).spent()).isFalse();
        assertThat(ErrorBudget.judge(List.of(count(0, 0, 0), count(9, 40, 3)), T0.plusSeconds(9)).spent()).isTrue();
    }

    @Test
    void fewerThanTenReadsDecideNothingHoweverManyFailed() {
        assertThat(ErrorBudget.judge(List.of(count(0, 0, 0), count(3, 9, 9)), T0.plusSeconds(3)))
                .isEqualTo(new Verdict(9, 9, false));
        assertThat(ErrorBudget.judge(List.of(count(3, 9, 9)), T0.plusSeconds(3)).spent()).isFalse();
    }

    @Test
    void onlyTheLastTenSecondsCount() {
        // 30 failures long ago, then 50 good reads in the window: the window starts at the count of second 6.
        List<Count> counts = List.of(count(0, 0, 0), count(5, 30, 30), count(6, 30, 30), count(16, 80, 30));

        assertThat(ErrorBudget.judge(counts, T0.plusSeconds(16))).isEqualTo(new Verdict(50, 0, false));
    }

    @Test
    void aCanaryWithFewReadsIsJudgedOnItsLastTenHoweverLongThoseTook() {
        // 2 reads in the last 10 s, both failed; going back to second 20 gives 12 reads, 3 failed.
        List<Count> counts = List.of(count(0, 0, 0), count(20, 8, 1), count(30, 18, 2), count(45, 20, 4));

        assertThat(ErrorBudget.judge(counts, T0.plusSeconds(45))).isEqualTo(new Verdict(12, 3, true));
        // Nothing is kept beyond a minute: at second 81 the counts of seconds 0 and 20 are gone, and
        // the 2 reads left are too few to judge.
        assertThat(ErrorBudget.judge(counts, T0.plusSeconds(81))).isEqualTo(new Verdict(2, 2, false));
        assertThat(ErrorBudget.judge(counts, T0.plusSeconds(95))).isEqualTo(new Verdict(0, 0, false));
    }

    static Count count(int second, long requests, long errors) {
        return new Count(T0.plusSeconds(second), requests, errors);
    }
}
