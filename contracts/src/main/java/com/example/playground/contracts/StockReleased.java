package com.example.playground.contracts;

/** Inventory gave the order's reserved stock back (compensation). */
public record StockReleased(String orderId) implements Event {
}
