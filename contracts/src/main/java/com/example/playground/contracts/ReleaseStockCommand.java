package com.example.playground.contracts;

/** Give back whatever stock is reserved for the order. Harmless if nothing is. */
public record ReleaseStockCommand(String orderId) implements Command {
}
