package com.example.playground.contracts;

import java.math.BigDecimal;

/** An authorised payment was refunded (compensation). */
public record PaymentRefunded(String orderId, String paymentId, BigDecimal amount) implements Event {
}
