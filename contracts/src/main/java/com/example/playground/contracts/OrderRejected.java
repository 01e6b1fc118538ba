package com.example.playground.contracts;

/** The order's saga failed and was compensated. */
public record OrderRejected(String orderId, String reason) implements Event {
}
