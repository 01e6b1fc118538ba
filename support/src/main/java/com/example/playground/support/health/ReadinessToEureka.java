package com.example.playground.support.health;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * Tells Eureka what the readiness group says, so an instance that is not ready is not routed to:
 * the gateway and every load-balanced client only pick instances that Eureka lists as UP.
 *
 * <p>Spring Cloud's own handler ({@code eureka.client.healthcheck.enabled}) reports the status of
 * every health contributor instead; that would take order-service out of rotation when Kafka is
 * away, which is exactly when its outbox lets it keep taking orders. The Eureka client asks this
 * handler at every instance-info replication (each second here).
 */
class ReadinessToEureka implements HealthCheckHandler {

    private final HealthEndpoint health;

    public ReadinessToEureka(HealthEndpoint health) {
        this.health = health;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus currentStatus) {
        HealthDescriptor readiness = health.healthForPath("readiness");
        return statusFor(readiness == null ? Status.UNKNOWN : readiness.getStatus());
    }

    /**
     * UP, or DOWN. Never OUT_OF_SERVICE, although that is what readiness says while the service is
     * still starting: the Eureka server treats OUT_OF_SERVICE as an operator's override and keeps
     * it when the instance later registers as UP, so a service that was asked one second too early
     * stayed out of rotation for good (seen in CI).
     */
    static InstanceStatus statusFor(Status readiness) {
        return Status.UP.equals(readiness) ? InstanceStatus.UP : InstanceStatus.DOWN;
    }
}
