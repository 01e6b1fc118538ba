package com.example.playground.order.order;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    record OrderPlacedResponse(String orderId, OrderStatus status) {
    }

    /** 1 to 200 visible ASCII characters: a UUID, or any token a client can send unchanged in a header. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /**
     * Places an order. With an Idempotency-Key, sending the same request again answers with the
     * same order instead of placing a second one.
     */
    // The status ResponseEntity.created sets below, said where the API description sees it (docs/browsable-api.md).
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/orders")
    ResponseEntity<OrderPlacedResponse> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        // Checked here rather than with a constraint on the parameter: that would turn every error of
        // the body into a method-validation error, and this one has a type of its own.
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "An Idempotency-Key must be 1 to 200 visible ASCII characters (no spaces)");
        }
        Orders.Placed placed = orders.place(request, idempotencyKey);
        OrderView order = placed.order();
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId()))
                .header("Idempotent-Replayed", String.valueOf(placed.replayed()))
                .body(new OrderPlacedResponse(order.orderId(), order.status()));
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable @Identifier String orderId) {
        return orders.find(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "order-not-found",
                "Order not found", "There is no order '" + orderId + "'"));
    }
}
