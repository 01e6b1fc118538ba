package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswersTests {

    @Test
    void readsEveryWholeNumberInOrderHoweverTheyAreWritten() {
        assertThat(Answers.numbers("9 5")).containsExactly(9, 5);
        assertThat(Answers.numbers("9,5")).containsExactly(9, 5);
        assertThat(Answers.numbers("orchestration 9 and choreography 5")).containsExactly(9, 5);
        assertThat(Answers.numbers(" 2 ")).containsExactly(2);
    }

    @Test
    void noNumberIsAnEmptyAnswerAndAHugeOneDoesNotOverflow() {
        assertThat(Answers.numbers("nine")).isEmpty();
        assertThat(Answers.numbers(null)).isEmpty();
        assertThat(Answers.numbers("99999999999999")).containsExactly(Integer.MAX_VALUE);
    }
}
