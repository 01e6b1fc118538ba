package com.example.playground.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The buckets of clients that went quiet are forgotten, and forgetting one never lets its client
 * through more often than the bucket would have. The clock is ours: the test moves time, no sleeps.
 */
class RateLimitingBucketsTests {

    static final long SECOND = 1_000_000_000L;
    /** Bursts of 4, refilled at 2 a second: an empty bucket is full again after 2 s, forgotten after 4 s. */
    static final RateLimitProperties LIMIT = new RateLimitProperties(true, 2.0, 4);

    final AtomicLong now = new AtomicLong(1_000 * SECOND);
    final RateLimiting limiting = new RateLimiting(LIMIT, now::get);

    @Test
    void aBucketIsForgottenOnceItHasBeenIdleTwiceAsLongAsItTakesToBeFullAgain() {
        for (int client = 0; client < 1000; client++) {
            assertThat(send("10.0." + client / 250 + "." + client % 250)).isTrue();
        }
        assertThat(limiting.bucketCount()).isEqualTo(1000);

        now.addAndGet(4 * SECOND - 1);
        assertThat(limiting.bucketCount()).as("not yet idle for twice the refill time").isEqualTo(1000);

        now.addAndGet(1);
        assertThat(limiting.bucketCount()).isZero();
    }

    @Test
    void aClientThatKeepsComingKeepsItsBucketEvenWhenRefused() {
        for (int i = 0; i < 4; i++) {
            assertThat(send("10.1.1.1")).isTrue();
        }
        for (int i = 0; i < 10; i++) {
            now.addAndGet(SECOND / 10);
            send("10.1.1.1");
            assertThat(limiting.bucketCount()).isEqualTo(1);
        }
    }

    /**
     * Against one bucket that is never forgotten, fed the same requests at the same times: every
     * request is let through or refused alike, across gaps shorter and longer than the refill time.
     */
    @Test
    void forgettingABucketNeverLetsAClientThroughMoreThanKeepingItWould() {
        Random random = new Random(42);
        TokenBucket neverForgotten = new TokenBucket(LIMIT.burst(), LIMIT.perSecond(), now.get());
        List<Boolean> expected = new ArrayList<>();
        List<Boolean> actual = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Mostly bursts (no gap), some short gaps, and gaps of up to 6 s: shorter and longer than
            // the refill time (2 s) and the idle time (4 s), so buckets are forgotten and found again.
            long gap = switch (random.nextInt(10)) {
                case 0, 1 -> random.nextInt(6000) * SECOND / 1000;
                case 2, 3 -> random.nextInt(500) * SECOND / 1000;
                default -> 0;
            };
            now.addAndGet(gap);
            expected.add(neverForgotten.tryTake(now.get()).isZero());
            actual.add(send("10.2.2.2"));
        }
        assertThat(actual).isEqualTo(expected).contains(true, false);
    }

    /** True if the request was let through to the route, false if it was refused with 429. */
    private boolean send(String client) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/inventory/book")
                .remoteAddress(new InetSocketAddress(client, 40000)).build());
        boolean[] routed = {false};
        GatewayFilterChain chain = routedExchange -> {
            routed[0] = true;
            return Mono.empty();
        };
        limiting.filter(exchange, chain).block();
        assertThat(routed[0] || exchange.getResponse().getStatusCode() == HttpStatus.TOO_MANY_REQUESTS).isTrue();
        return routed[0];
    }
}
