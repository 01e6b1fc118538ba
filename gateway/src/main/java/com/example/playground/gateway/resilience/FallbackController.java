package com.example.playground.gateway.resilience;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a route's circuit breaker answers when its service failed, timed out, or the breaker is
 * open: a fast 503 problem naming the service, instead of a hang or a bare error page. A call
 * refused by the route's bulkhead (too many calls to that service in flight already) gets a
 * problem of its own: nothing failed, the gateway is busy, and a retry in a second is fine.
 */
@RestController
class FallbackController {

    /** Where the gateway looks for instances: Eureka, or on Kubernetes a Service's Endpoints (the kubernetes profile). */
    private final String registry;

    FallbackController(@Value("${playground.gateway.registry:Eureka}") String registry) {
        this.registry = registry;
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause instanceof BulkheadFullException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The gateway already has as many calls to " + service + " in flight as it allows (its bulkhead);"
                            + " nothing failed, try again shortly");
            problem.setType(URI.create("urn:playground:problem:gateway-busy"));
            problem.setTitle("Gateway busy");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem);
        }
        // No instance in the registry: stopped, still starting, or an opt-in app not asked for (up --with monolith).
        String detail = cause instanceof NotFoundException
                ? "no instance of " + service + " is registered in " + registry + ": it is not running, or not ready yet"
                : service + " did not answer in time, failed, or its circuit breaker at the gateway is open; try again shortly";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(URI.create("urn:playground:problem:service-unavailable"));
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }
}
