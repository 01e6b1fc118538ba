package com.example.playground.contracts;

/** Refund the order's authorised payment. Harmless if there is none. */
public record RefundPaymentCommand(String orderId) implements Command {
}
