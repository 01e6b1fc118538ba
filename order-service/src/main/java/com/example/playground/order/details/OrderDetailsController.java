package com.example.playground.order.details;

import com.example.playground.order.details.OrderDetails.Part;
import com.example.playground.order.order.OrderView;
import com.example.playground.order.order.Orders;
import com.example.playground.order.shareddatabase.InventoryTables;
import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** API composition: one call for what three services know about an order, asked in parallel. */
@RestController
class OrderDetailsController {

    static final String SHARED_TABLE = "inventory-service's table (shared-database)";

    private final Orders orders;
    private final Neighbours neighbours;
    private final InventoryTables inventoryTables;

    OrderDetailsController(Orders orders, Neighbours neighbours, InventoryTables inventoryTables) {
        this.orders = orders;
        this.neighbours = neighbours;
        this.inventoryTables = inventoryTables;
    }

    @GetMapping("/api/orders/{orderId}/details")
    OrderDetails details(@PathVariable @Identifier String orderId) {
        OrderView order = orders.find(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "order-not-found", "Order not found", "There is no order '" + orderId + "'"));
        CompletableFuture<Part> payments = ask(Neighbours.PAYMENT, () -> neighbours.paymentsOf(orderId));
        // With the shared-database switch on (an anti-pattern), read from inventory's table instead of asking it.
        CompletableFuture<Part> reservations = inventoryTables.inUse()
                ? ask(SHARED_TABLE, () -> inventoryTables.reservationsOf(orderId))
                : ask(Neighbours.INVENTORY, () -> neighbours.reservationsOf(orderId));
        return new OrderDetails(order, payments.join(), reservations.join());
    }

    private static CompletableFuture<Part> ask(String source, Supplier<CompletableFuture<JsonNode>> call) {
        long started = System.nanoTime();
        try {
            return call.get().thenApply(items -> Part.of(source, since(started), items))
                    .exceptionally(failure -> Part.unavailable(source, since(started), why(source, failure)));
        } catch (RuntimeException failure) {
            // A full bulkhead or an open breaker refuses before any future exists.
            return CompletableFuture.completedFuture(Part.unavailable(source, since(started), why(source, failure)));
        }
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String why(String source, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return source + " did not answer within its time limit";
        }
        if (cause instanceof CallNotPermittedException) {
            return source + " is failing: its circuit breaker is open";
        }
        if (cause instanceof InventoryTables.ReadFailed) {
            return cause.getMessage();
        }
        if (cause instanceof BulkheadFullException) {
            return source + " already has as many calls in progress as it may (bulkhead full)";
        }
        return source + " failed: " + cause.getClass().getSimpleName();
    }
}
