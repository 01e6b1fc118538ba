package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerWatchLabTests {

    @Test
    void theOrderThatOpenedItOrTheNextOneIsRight() {
        assertThat(BreakerWatchLab.isRight(List.of(2), 2)).isTrue();
        assertThat(BreakerWatchLab.isRight(List.of(3), 2)).isTrue();
    }

    @Test
    void fewerOrMoreIsWrongAndSoIsMoreThanOneNumber() {
        assertThat(BreakerWatchLab.isRight(List.of(1), 2)).isFalse();
        assertThat(BreakerWatchLab.isRight(List.of(4), 2)).isFalse();
        assertThat(BreakerWatchLab.isRight(List.of(2, 3), 2)).isFalse();
        assertThat(BreakerWatchLab.isRight(List.of(), 2)).isFalse();
    }
}
