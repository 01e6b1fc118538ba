package com.example.playground.inventory.stock;

import com.example.playground.contracts.SagaStyle;

/** Stock of one SKU held for one order; RELEASED once a saga gave it back. */
record Reservation(String orderId, String sku, int quantity, String status, SagaStyle sagaStyle) {

    static final String RESERVED = "RESERVED";
    static final String RELEASED = "RELEASED";

    boolean isReserved() {
        return RESERVED.equals(status);
    }
}
