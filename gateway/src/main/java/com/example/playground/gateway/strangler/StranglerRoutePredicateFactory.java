package com.example.playground.gateway.strangler;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code Strangler=products} on the new services' route of a strangled path: it matches about the
 * route's live share of requests ({@link TrafficShares}); the others fall through to the legacy
 * application's route, declared after it for the same path. Not Spring Cloud Gateway's Weight
 * predicate: its weights live in the route definitions, which the gateway rebuilds from its
 * properties at every Eureka registry fetch (docs/decisions.md).
 */
class StranglerRoutePredicateFactory extends AbstractRoutePredicateFactory<StranglerRoutePredicateFactory.Config> {

    private final TrafficShares shares;

    StranglerRoutePredicateFactory(TrafficShares shares) {
        super(Config.class);
        this.shares = shares;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("route");
    }

    @Override
    public Predicate<ServerWebExchange> apply(Config config) {
        if (!shares.knows(config.getRoute())) {
            throw new IllegalStateException("Strangler=" + config.getRoute() + " names no route of"
                    + " playground.gateway.strangler.shares");
        }
        return exchange -> shares.drawNew(config.getRoute());
    }

    /** A JavaBean, not a record: the gateway binds route arguments onto a new instance through its setters. */
    static class Config {

        private String route;

        public String getRoute() {
            return route;
        }

        public void setRoute(String route) {
            this.route = route;
        }
    }
}
