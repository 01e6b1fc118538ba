package com.example.playground.contracts;

import java.math.BigDecimal;
import java.util.List;

/** An order was stored PENDING; its saga starts now. */
public record OrderPlaced(String orderId, String customerId, List<OrderLine> items, BigDecimal total, SagaStyle saga) implements Event {
}
