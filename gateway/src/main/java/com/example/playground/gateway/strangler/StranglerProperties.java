package com.example.playground.gateway.strangler;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The strangled routes and the share of their traffic, in per cent, that goes to the new services
 * (the rest goes to the legacy application): {@code playground.gateway.strangler.shares.products=25}.
 * Read at start; {@code ./playground strangle} changes a share live and writes it here for the next start.
 */
@ConfigurationProperties("playground.gateway.strangler")
record StranglerProperties(Map<String, Integer> shares) {

    StranglerProperties {
        shares = shares == null ? Map.of() : Map.copyOf(shares);
    }
}
