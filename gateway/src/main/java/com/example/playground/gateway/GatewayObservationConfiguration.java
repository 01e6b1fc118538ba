package com.example.playground.gateway;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class GatewayObservationConfiguration {

    /**
     * The Eureka client's one-second heartbeats and health checks on the management port would
     * bury the requests a learner came to see in Zipkin.
     */
    @Bean
    ObservationPredicate noPlumbingTraces() {
        return (name, context) -> {
            if (context instanceof ClientRequestObservationContext client && client.getCarrier() != null) {
                return !client.getCarrier().getURI().getPath().startsWith("/eureka/");
            }
            if (context instanceof ServerRequestObservationContext server && server.getCarrier() != null) {
                return !server.getCarrier().getPath().value().startsWith("/actuator");
            }
            return true;
        };
    }
}
