package com.example.playground.gateway.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's request rate limit, a token bucket per client address: {@code burst} requests at
 * once, refilled at {@code perSecond}. {@code enabled: false} turns it off.
 */
@ConfigurationProperties("playground.gateway.rate-limit")
record RateLimitProperties(boolean enabled, double perSecond, int burst) {
}
