package com.example.playground.contracts;

import java.math.BigDecimal;

/** The customer's payment for the order was authorised. */
public record PaymentAuthorized(String orderId, String paymentId, BigDecimal amount) implements Event {
}
