package com.example.playground.order.order;

import java.math.BigDecimal;

/** One line of a stored order, priced when the order was placed. */
record OrderLineView(String sku, int quantity, BigDecimal unitPrice) {
}
