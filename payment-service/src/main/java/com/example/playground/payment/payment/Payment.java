package com.example.playground.payment.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One payment attempt for one order, and where it ended. */
record Payment(String paymentId, String orderId, String customerId, BigDecimal amount, PaymentStatus status,
                      String reason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    enum PaymentStatus { AUTHORIZED, DECLINED, REFUNDED }
}
