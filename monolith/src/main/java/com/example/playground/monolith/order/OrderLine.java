package com.example.playground.monolith.order;

import java.math.BigDecimal;

/** One line of an order, priced when the order was placed. */
record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

    BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
