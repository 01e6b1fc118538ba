package com.example.playground.contracts;

/** Inventory reserved every line of the order. */
public record StockReserved(String orderId) implements Event {
}
