package com.example.playground.contracts;

/** The payment was declined; nothing was charged. */
public record PaymentDeclined(String orderId, String reason) implements Event {
}
