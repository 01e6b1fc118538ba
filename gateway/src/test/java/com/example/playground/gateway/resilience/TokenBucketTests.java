package com.example.playground.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTests {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsABurstThroughThenRefusesAndSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, 2.0, 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        // Two tokens a second: the next one is half a second away.
        assertThat(bucket.tryTake(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(3, 2.0, 0);
        for (int i = 0; i < 3; i++) {
            bucket.tryTake(0);
        }

        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.tryTake(SECOND / 2)).isPositive();

        // A long quiet spell refills up to the burst, not more.
        long later = 100 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(later)).isZero();
        }
        assertThat(bucket.tryTake(later)).isPositive();
    }
}
