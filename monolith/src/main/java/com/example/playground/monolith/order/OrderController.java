package com.example.playground.monolith.order;

import com.example.playground.monolith.web.Identifier;
import com.example.playground.monolith.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    /** Places an order and answers with its final status: APPROVED or REJECTED, never PENDING. */
    // The status ResponseEntity.created sets below, said where the API description sees it (docs/browsable-api.md).
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/monolith/orders")
    ResponseEntity<Orders.Placed> place(@Valid @RequestBody PlaceOrderRequest request) {
        Orders.Placed placed = orders.place(request);
        return ResponseEntity.created(URI.create("/api/monolith/orders/" + placed.orderId())).body(placed);
    }

    @GetMapping("/api/monolith/orders/{orderId}")
    OrderView order(@PathVariable @Identifier String orderId) {
        return orders.find(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "order-not-found",
                "Order not found", "There is no order '" + orderId + "'"));
    }
}
