package com.example.playground.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTimingsEndpointTests {

    @Test
    void percentilesAreNearestRank() {
        List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(OrderTimingsEndpoint.rank(hundred, 50)).isEqualTo(50);
        assertThat(OrderTimingsEndpoint.rank(hundred, 99)).isEqualTo(99);
        assertThat(OrderTimingsEndpoint.rank(List.of(7L, 300L), 50)).isEqualTo(7);
        assertThat(OrderTimingsEndpoint.rank(List.of(7L, 300L), 95)).isEqualTo(300);
        assertThat(OrderTimingsEndpoint.rank(List.of(42L), 99)).isEqualTo(42);
    }
}
