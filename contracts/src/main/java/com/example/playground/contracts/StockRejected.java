package com.example.playground.contracts;

/** Inventory could not reserve the order (unknown SKU or not enough stock); nothing was reserved. */
public record StockRejected(String orderId, String reason) implements Event {
}
