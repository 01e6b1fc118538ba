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
public class ReadinessToEureka implements HealthCheckHandler {

    private final HealthEndpoint health;

    public ReadinessToEureka(HealthEndpoint health) {
        this.health = health;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus currentStatus) {
        HealthDescriptor readiness = health.healthForPath("readiness");
        Status status = readiness == null ? Status.UNKNOWN : readiness.getStatus();
        if (Status.UP.equals(status)) {
            return InstanceStatus.UP;
        }
        if (Status.OUT_OF_SERVICE.equals(status)) {
            return InstanceStatus.OUT_OF_SERVICE;
        }
        return Status.DOWN.equals(status) ? InstanceStatus.DOWN : InstanceStatus.UNKNOWN;
    }
}
