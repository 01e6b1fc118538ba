package com.example.playground.gateway.resilience;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public class RateLimiting implements GlobalFilter, Ordered {

    private final RateLimitProperties limit;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiting(RateLimitProperties limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
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
        TokenBucket bucket = buckets.computeIfAbsent(client(exchange),
                key -> new TokenBucket(limit.burst(), limit.perSecond(), now));
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
