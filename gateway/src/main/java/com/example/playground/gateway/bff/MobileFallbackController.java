package com.example.playground.gateway.bff;

import java.net.URI;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The mobile BFF's fallback, where its route's circuit breaker sends a call that order-service did
 * not answer within the mobile time limit (or that the open breaker refused): the last answer the
 * BFF gave for that order, marked stale, at once. A phone would rather show the order as it was a
 * moment ago than a spinner. Never seen: a 503 problem of its own type.
 */
@RestController
class MobileFallbackController {

    private final MobileOrders orders;
    private final long timeLimitMs;

    MobileFallbackController(MobileOrders orders, BffProperties properties) {
        this.orders = orders;
        this.timeLimitMs = properties.mobile().timeLimitMs();
    }

    @RequestMapping("/fallback/mobile-bff")
    ResponseEntity<?> lastKnown(ServerWebExchange exchange) {
        exchange.getAttributes().put(MobileOrders.SHAPED, true);
        // The route's AddResponseHeader does not reach a forwarded fallback's answer: said again here.
        exchange.getResponse().getHeaders().set("X-BFF", "mobile");
        String orderId = ServerWebExchangeUtils.getUriTemplateVariables(exchange).get("orderId");
        String because = "order-service did not answer within the mobile front end's " + timeLimitMs
                + " ms, or its breaker in the gateway (mobile-bff) is open";
        return orders.lastSeen(orderId)
                .<ResponseEntity<?>>map(order -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(orders.write(order.asStale(because))))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                            because + "; the mobile BFF has given no earlier answer for this order to fall back on");
                    problem.setType(URI.create("urn:playground:problem:order-summary-unavailable"));
                    problem.setTitle("Order summary unavailable");
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
                });
    }
}
