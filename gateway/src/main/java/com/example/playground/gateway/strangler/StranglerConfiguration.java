package com.example.playground.gateway.strangler;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The strangler fig (docs/patterns/strangler-fig.md): live shares, the predicate that reads them, their endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StranglerProperties.class)
class StranglerConfiguration {

    @Bean
    TrafficShares trafficShares(StranglerProperties properties, MeterRegistry meters) {
        return new TrafficShares(properties, meters);
    }

    @Bean
    StranglerRoutePredicateFactory stranglerRoutePredicateFactory(TrafficShares shares) {
        return new StranglerRoutePredicateFactory(shares);
    }

    @Bean
    StranglerEndpoint stranglerEndpoint(TrafficShares shares) {
        return new StranglerEndpoint(shares);
    }
}
