package com.example.playground.gateway.strangler;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/strangler} on the management port (never routed): each strangled route's share
 * of traffic to the new services; {@code POST /actuator/strangler/{route}} with {@code {"percent": 25}}
 * changes it live. {@code ./playground strangle} uses it.
 */
@Endpoint(id = "strangler")
class StranglerEndpoint {

    private final TrafficShares shares;

    StranglerEndpoint(TrafficShares shares) {
        this.shares = shares;
    }

    @ReadOperation
    Map<String, Integer> shares() {
        return shares.all();
    }

    @ReadOperation
    WebEndpointResponse<Map<String, Object>> share(@Selector String route) {
        return shares.percent(route)
                .map(percent -> new WebEndpointResponse<Map<String, Object>>(Map.of("route", route, "percent", percent)))
                .orElseGet(() -> unknown(route));
    }

    @WriteOperation
    WebEndpointResponse<Map<String, Object>> change(@Selector String route, int percent) {
        if (!shares.knows(route)) {
            return unknown(route);
        }
        if (percent < 0 || percent > TrafficShares.ALL) {
            return new WebEndpointResponse<>(Map.of("error", "percent must be 0 to 100, not " + percent), 400);
        }
        shares.set(route, percent);
        return new WebEndpointResponse<>(Map.of("route", route, "percent", percent));
    }

    private WebEndpointResponse<Map<String, Object>> unknown(String route) {
        return new WebEndpointResponse<>(Map.of("error", "no strangled route '" + route + "'", "routes",
                shares.all().keySet()), 404);
    }
}
