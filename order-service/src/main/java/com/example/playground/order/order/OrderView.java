package com.example.playground.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An order as {@code GET /api/orders/{orderId}} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String orderId, String customerId, List<OrderLineView> items, BigDecimal total,
                        OrderStatus status, String rejectionReason, String saga, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
}
