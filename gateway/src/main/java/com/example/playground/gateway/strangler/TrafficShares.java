package com.example.playground.gateway.strangler;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live share of each strangled route's traffic that goes to the new services. One number per
 * route, read by every request of that route ({@link StranglerRoutePredicateFactory}) and changed
 * through the {@code strangler} actuator endpoint: a change applies to the next request, with no
 * route rebuilt and no request dropped. Shown as the gauge {@code playground.strangler.share}.
 */
class TrafficShares {

    static final int ALL = 100;

    private final Map<String, AtomicInteger> shares = new TreeMap<>();

    TrafficShares(StranglerProperties properties, MeterRegistry meters) {
        properties.shares().forEach((route, percent) -> {
            AtomicInteger share = new AtomicInteger(checked(route, percent));
            shares.put(route, share);
            Gauge.builder("playground.strangler.share", share, AtomicInteger::get).tag("route", route)
                    .description("Per cent of the route's requests sent to the new services; the rest go to the legacy application")
                    .register(meters);
        });
    }

    boolean knows(String route) {
        return shares.containsKey(route);
    }

    /** Whether this request goes to the new services: true for about {@code share} of every hundred. */
    boolean drawNew(String route) {
        return ThreadLocalRandom.current().nextInt(ALL) < share(route).get();
    }

    /** The route's share now; empty for a route that is not strangled. */
    Optional<Integer> percent(String route) {
        return Optional.ofNullable(shares.get(route)).map(AtomicInteger::get);
    }

    void set(String route, int percent) {
        share(route).set(checked(route, percent));
    }

    Map<String, Integer> all() {
        Map<String, Integer> now = new TreeMap<>();
        shares.forEach((route, share) -> now.put(route, share.get()));
        return now;
    }

    private AtomicInteger share(String route) {
        AtomicInteger share = shares.get(route);
        if (share == null) {
            throw new IllegalArgumentException("No strangled route '" + route + "'; there are " + shares.keySet());
        }
        return share;
    }

    private static int checked(String route, Integer percent) {
        if (percent == null || percent < 0 || percent > ALL) {
            throw new IllegalArgumentException("The share of route '" + route + "' must be 0 to 100 per cent, not " + percent);
        }
        return percent;
    }
}
