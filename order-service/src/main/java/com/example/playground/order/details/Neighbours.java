package com.example.playground.order.details;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two services an order's details are composed from, each asked on its own thread pool
 * (bulkhead), with its own time limit and circuit breaker, all named after the dependency: a slow
 * payment-service fills only its own pool, and never holds up the inventory half.
 */
class Neighbours {

    static final String PAYMENT = "payment-service";
    static final String INVENTORY = "inventory-service";

    private final RestClient payments;
    private final RestClient inventory;
    private final JsonMapper decimals;

    /** {@code decimals} reads numbers as they were written: 25.00 stays 25.00, never a double. */
    public Neighbours(RestClient payments, RestClient inventory, JsonMapper decimals) {
        this.payments = payments;
        this.inventory = inventory;
        this.decimals = decimals;
    }

    // URI templates below: the id is encoded as one query value ('&' becomes %26), so it cannot add
    // a parameter or change the path.
    @Bulkhead(name = PAYMENT, type = Bulkhead.Type.THREADPOOL)
    @TimeLimiter(name = PAYMENT)
    @CircuitBreaker(name = PAYMENT)
    public CompletableFuture<JsonNode> paymentsOf(String orderId) {
        return CompletableFuture.completedFuture(decimals.readTree(
                payments.get().uri("/api/payments?orderId={id}", orderId).retrieve().body(String.class)));
    }

    @Bulkhead(name = INVENTORY, type = Bulkhead.Type.THREADPOOL)
    @TimeLimiter(name = INVENTORY)
    @CircuitBreaker(name = INVENTORY)
    public CompletableFuture<JsonNode> reservationsOf(String orderId) {
        return CompletableFuture.completedFuture(decimals.readTree(
                inventory.get().uri("/api/inventory/reservations?orderId={id}", orderId).retrieve().body(String.class)));
    }
}
