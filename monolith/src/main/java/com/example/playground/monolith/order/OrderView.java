package com.example.playground.monolith.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An order as {@code GET /api/monolith/orders/{orderId}} shows it; no rejectionReason when approved. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderView(String orderId, String customerId, List<OrderLine> items, BigDecimal total, OrderStatus status,
                 String rejectionReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
