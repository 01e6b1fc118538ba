package com.example.playground.monolith.health;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Tells Eureka what the readiness group (readinessState, db) says, so the gateway routes to the
 * monolith only once it is ready; it registers as STARTING (application.yml). The services do the
 * same with support's ReadinessToEureka; the Eureka client asks at every status replication.
 */
@Component
class ReadinessToEureka implements HealthCheckHandler {

    private final HealthEndpoint health;

    ReadinessToEureka(HealthEndpoint health) {
        this.health = health;
    }

    /**
     * UP, or DOWN. Never OUT_OF_SERVICE, although readiness says that while starting: Eureka keeps
     * OUT_OF_SERVICE as an operator's override, and the instance would stay out of rotation for good.
     */
    @Override
    public InstanceStatus getStatus(InstanceStatus currentStatus) {
        HealthDescriptor readiness = health.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? InstanceStatus.UP : InstanceStatus.DOWN;
    }
}
