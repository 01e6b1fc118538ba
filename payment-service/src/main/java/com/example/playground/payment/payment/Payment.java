package com.example.playground.payment.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One payment attempt for one order, and where it ended. */
public record Payment(String paymentId, String orderId, String customerId, BigDecimal amount, PaymentStatus status,
                      String reason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public enum PaymentStatus { AUTHORIZED, DECLINED, REFUNDED }
}
