package com.example.playground.order.order;

import com.example.playground.support.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    record OrderPlacedResponse(String orderId, OrderStatus status) {
    }

    /**
     * Places an order. With an Idempotency-Key, sending the same request again answers with the
     * same order instead of placing a second one.
     */
    @PostMapping("/api/orders")
    ResponseEntity<OrderPlacedResponse> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "An Idempotency-Key must be 1 to 200 characters");
        }
        Orders.Placed placed = orders.place(request, idempotencyKey);
        OrderView order = placed.order();
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId()))
                .header("Idempotent-Replayed", String.valueOf(placed.replayed()))
                .body(new OrderPlacedResponse(order.orderId(), order.status()));
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable String orderId) {
        return orders.find(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "order-not-found",
                "Order not found", "There is no order '" + orderId + "'"));
    }
}
