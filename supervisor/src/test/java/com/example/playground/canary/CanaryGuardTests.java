package com.example.playground.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.canary.ErrorBudget.Count;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The guard reads the gateway's request counters of one route, summed over status and method, 5xx apart. */
class CanaryGuardTests {

    /** Lines as the gateway's Prometheus endpoint gives them (Micrometer, Boot 4). */
    static final String PROMETHEUS = """
            # HELP spring_cloud_gateway_requests_seconds \s
            # TYPE spring_cloud_gateway_requests_seconds summary
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="200",outcome="SUCCESSFUL",routeId="inventory-canary",routeUri="lb://inventory-service-canary",status="OK"} 21
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="500",outcome="SERVER_ERROR",routeId="inventory-canary",routeUri="lb://inventory-service-canary",status="INTERNAL_SERVER_ERROR"} 4
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="503",outcome="SERVER_ERROR",routeId="inventory-canary",routeUri="lb://inventory-service-canary",status="SERVICE_UNAVAILABLE"} 2
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="404",outcome="CLIENT_ERROR",routeId="inventory-canary",routeUri="lb://inventory-service-canary",status="NOT_FOUND"} 3
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="500",outcome="SERVER_ERROR",routeId="inventory-canary-asked",routeUri="lb://inventory-service-canary",status="INTERNAL_SERVER_ERROR"} 9
            spring_cloud_gateway_requests_seconds_count{httpMethod="GET",httpStatusCode="200",outcome="SUCCESSFUL",routeId="inventory",routeUri="lb://inventory-service",status="OK"} 95
            spring_cloud_gateway_requests_seconds_sum{httpMethod="GET",httpStatusCode="200",outcome="SUCCESSFUL",routeId="inventory",routeUri="lb://inventory-service",status="OK"} 1.5
            """;

    @Test
    void countsEveryReadOfTheRouteAndItsServerErrorsButNotATestersOrAClientsMistake() {
        Instant now = Instant.now();

        assertThat(CanaryGuard.count(PROMETHEUS, "inventory-canary", now)).isEqualTo(new Count(now, 30, 6));
        assertThat(CanaryGuard.count(PROMETHEUS, CanaryGuard.STABLE_ROUTE, now)).isEqualTo(new Count(now, 95, 0));
        assertThat(CanaryGuard.count("", "inventory-canary", now)).isEqualTo(new Count(now, 0, 0));
    }
}
