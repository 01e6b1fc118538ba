package com.example.playground.payment.payment;

import com.example.playground.payment.payment.Payment.PaymentStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

    private static final String COLUMNS = "payment_id, order_id, customer_id, amount, status, reason, created_at, updated_at";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Payment> findByOrder(String orderId) {
        return jdbc.sql("select " + COLUMNS + " from payment where order_id = :orderId order by created_at")
                .param("orderId", orderId)
                .query(Payment.class)
                .list();
    }

    void insert(Payment payment) {
        jdbc.sql("insert into payment (" + COLUMNS + ") values "
                        + "(:paymentId, :orderId, :customerId, :amount, :status, :reason, :createdAt, :updatedAt)")
                .param("paymentId", payment.paymentId())
                .param("orderId", payment.orderId())
                .param("customerId", payment.customerId())
                .param("amount", payment.amount())
                .param("status", payment.status().name())
                .param("reason", payment.reason())
                .param("createdAt", payment.createdAt())
                .param("updatedAt", payment.updatedAt())
                .update();
    }

    void updateStatus(String paymentId, PaymentStatus status, OffsetDateTime at) {
        jdbc.sql("update payment set status = :status, updated_at = :at where payment_id = :paymentId")
                .param("status", status.name())
                .param("at", at)
                .param("paymentId", paymentId)
                .update();
    }
}
