package com.example.playground.support.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the plumbing out of the traces: the outbox relay's poll, the Eureka client's
 * one-second heartbeats and registry fetches, and health checks on the management port would
 * otherwise each make a trace, burying the orders a learner came to see in Zipkin (and costing
 * every JVM CPU for nothing).
 */
class QuietBackgroundWork implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        if ("tasks.scheduled.execution".equals(name)) {
            return false;
        }
        if (context instanceof ClientRequestObservationContext client && client.getCarrier() != null) {
            return !client.getCarrier().getURI().getPath().startsWith("/eureka/");
        }
        if (context instanceof ServerRequestObservationContext server && server.getCarrier() != null) {
            return !server.getCarrier().getRequestURI().startsWith("/actuator");
        }
        return true;
    }
}
