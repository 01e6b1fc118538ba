package com.example.playground.supervisor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a demo, a scenario or a lab most often changes, per app, with what each one does:
 * what {@code ./playground config show <app>} lists with its value in force. Any other setting can be
 * changed just the same; this list only saves looking for the names. Every name is the one the
 * app's packaged settings (or its code) use, so its value shows on {@code /actuator/env}.
 */
final class WellKnownSettings {

    private record Setting(String key, String what, List<String> apps) {
    }

    private static final String BREAKER_DEFAULTS = "resilience4j.circuitbreaker.configs.default.";
    private static final String[] SERVICES = {"order-service", "payment-service", "inventory-service",
            "saga-orchestrator"};
    private static final String[] EUREKA_CLIENTS = {"order-service", "payment-service", "inventory-service",
            "saga-orchestrator", "gateway"};
    /** The gateway decides for each request; a service for what starts in it (a request straight to it, its own work). */
    private static final String SAMPLING = "management.tracing.sampling.probability";

    private static final List<Setting> ALL = List.of(
            setting("playground.orders.choreography-timeout", "deadline of a choreographed order", "order-service"),
            setting(BREAKER_DEFAULTS + "failure-rate-threshold",
                    "% of failed calls that opens its breakers (inventory-service, payment-service)", "order-service"),
            setting(BREAKER_DEFAULTS + "minimum-number-of-calls",
                    "calls in the window before a breaker judges", "order-service"),
            setting(BREAKER_DEFAULTS + "sliding-window-size", "a breaker's window (seconds)", "order-service"),
            setting(BREAKER_DEFAULTS + "wait-duration-in-open-state", "how long a breaker stays open", "order-service"),
            setting("resilience4j.retry.instances.inventory-service.max-attempts",
                    "attempts per call to inventory-service", "order-service"),
            setting("resilience4j.retry.instances.inventory-service.wait-duration",
                    "first wait between attempts", "order-service"),
            setting("resilience4j.retry.instances.inventory-service.enable-randomized-wait",
                    "jitter on the waits (true/false)", "order-service"),
            setting("resilience4j.retry.instances.inventory-service.randomized-wait-factor",
                    "how much jitter (0..1)", "order-service"),
            setting("resilience4j.thread-pool-bulkhead.configs.default.max-thread-pool-size",
                    "threads per dependency for order details (bulkhead)", "order-service"),
            setting("resilience4j.thread-pool-bulkhead.configs.default.core-thread-pool-size",
                    "threads kept per dependency (bulkhead)", "order-service"),
            setting("resilience4j.thread-pool-bulkhead.configs.default.queue-capacity",
                    "calls waiting per dependency (bulkhead)", "order-service"),
            setting("resilience4j.timelimiter.configs.default.timeout-duration",
                    "time limit of the order-details calls", "order-service"),
            setting("spring.http.clients.connect-timeout", "HTTP client: connect timeout", "order-service"),
            setting("spring.http.clients.read-timeout", "HTTP client: read timeout", "order-service"),
            setting("resilience4j.circuitbreaker.instances.payment-provider.failure-rate-threshold",
                    "% of failed calls that opens the provider's breaker", "payment-service"),
            setting("resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state",
                    "how long the provider's breaker stays open", "payment-service"),
            setting("resilience4j.retry.instances.payment-provider.max-attempts",
                    "attempts per call to the provider", "payment-service"),
            setting("resilience4j.retry.instances.payment-provider.enable-randomized-wait",
                    "jitter on the waits (true/false)", "payment-service"),
            setting("spring.http.clients.read-timeout", "HTTP client: read timeout to the provider", "payment-service"),
            setting("playground.saga.step-timeout", "how long a saga step waits for its reply", "saga-orchestrator"),
            setting("playground.gateway.rate-limit.enabled", "rate limit on (true/false)", "gateway"),
            setting("playground.gateway.rate-limit.per-second", "tokens per second per client address", "gateway"),
            setting("playground.gateway.rate-limit.burst", "bucket size per client address", "gateway"),
            setting("spring.cloud.gateway.server.webflux.httpclient.response-timeout",
                    "every route's response timeout", "gateway"),
            setting("spring.cloud.gateway.server.webflux.httpclient.connect-timeout",
                    "every route's connect timeout (ms)", "gateway"),
            setting(BREAKER_DEFAULTS + "failure-rate-threshold",
                    "% of failed calls that opens a route's breaker", "gateway"),
            setting("resilience4j.timelimiter.configs.default.timeout-duration",
                    "a route breaker's time limit", "gateway"),
            setting("eureka.server.eviction-interval-timer-in-ms",
                    "how often Eureka drops expired leases", "discovery"),
            setting("eureka.server.response-cache-auto-expiration-in-seconds",
                    "how long answers are cached", "discovery"),
            setting("eureka.server.enable-self-preservation", "keep instances when many miss heartbeats", "discovery"),
            setting("eureka.instance.lease-renewal-interval-in-seconds",
                    "heartbeat to Eureka every N s", EUREKA_CLIENTS),
            setting("eureka.instance.lease-expiration-duration-in-seconds",
                    "Eureka drops it N s after its last heartbeat",
                    EUREKA_CLIENTS),
            setting("eureka.client.registry-fetch-interval-seconds",
                    "asks Eureka for the registry every N s", EUREKA_CLIENTS),
            setting(SAMPLING, "share of new traces started here sent to Zipkin (0, 0.01..1; live)", SERVICES),
            setting(SAMPLING, "share of requests traced to Zipkin (0, 0.01..1); services follow", "gateway"));

    private static Setting setting(String key, String what, String... apps) {
        return new Setting(key, what, List.of(apps));
    }

    private WellKnownSettings() {
    }

    /** The well-known settings of one app, by name, with what each does; in the order listed. */
    static Map<String, String> of(String app) {
        Map<String, String> settings = new LinkedHashMap<>();
        ALL.stream().filter(s -> s.apps().contains(app)).forEach(s -> settings.put(s.key(), s.what()));
        return settings;
    }
}
