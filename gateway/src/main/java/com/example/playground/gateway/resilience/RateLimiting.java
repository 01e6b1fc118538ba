package com.example.playground.gateway.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limiting at the front door: a token bucket per client address, in memory (one gateway
 * instance needs nothing more; several would share buckets in Redis, see docs/patterns/rate-limiter.md).
 * A refused request gets 429, a {@code Retry-After} header and a problem, and never reaches a service.
 *
 * <p>A bucket nobody has used for as long as it takes to refill completely ({@code burst / perSecond},
 * 2 s here) is full again, exactly like a new one. It is forgotten after twice that (Caffeine's
 * expire-after-access; twice, so that no rounding of the refill can ever make a forgotten bucket
 * fuller than the kept one would have been): the buckets of clients that came and went do not pile
 * up, and no client gains a token by it.
 */
class RateLimiting implements GlobalFilter, Ordered {

    private final RateLimitProperties limit;
    private final LongSupplier clock;
    private final Cache<String, TokenBucket> buckets;

    /** {@code clock}: nanoseconds, as {@link System#nanoTime()}; the buckets' idle time is judged by it too. */
    public RateLimiting(RateLimitProperties limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(timeToRefill(limit).multipliedBy(2))
                .ticker(clock::getAsLong)
                // Forgotten buckets are swept on the request threads, a little at a time: no thread of its own.
                .executor(Runnable::run)
                .build();
    }

    /** How long an empty bucket takes to be full: after that, a bucket and no bucket are the same. */
    static Duration timeToRefill(RateLimitProperties limit) {
        return limit.perSecond() <= 0 ? Duration.ofDays(1)
                : Duration.ofNanos((long) Math.ceil(limit.burst() / limit.perSecond() * 1_000_000_000d));
    }

    /** How many client addresses have a bucket now, after a sweep. */
    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public int getOrder() {
        // Before routing, retries and breakers: a refused request costs nothing downstream.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!limit.enabled()) {
            return chain.filter(exchange);
        }
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.get(client(exchange), key -> new TokenBucket(limit.burst(), limit.perSecond(), now));
        Duration wait = bucket.tryTake(now);
        if (wait.isZero()) {
            return chain.filter(exchange);
        }
        return refuse(exchange.getResponse(), wait, exchange.getRequest().getPath().value());
    }

    private Mono<Void> refuse(ServerHttpResponse response, Duration wait, String path) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = """
                {"type":"urn:playground:problem:rate-limited","title":"Too many requests","status":429,\
                "detail":"More than %s requests per second (bursts of %d) from this client; try again in %d s","instance":"%s"}"""
                .formatted(limit.perSecond(), limit.burst(), seconds, path.replace("\"", ""));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
