package com.example.playground.order.order;

import com.example.playground.contracts.SagaStyle;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record IdempotencyRecord(String idempotencyKey, String requestHash, String orderId) {
    }

    boolean customerExists(String customerId) {
        return jdbc.sql("select count(*) from customer where customer_id = :id").param("id", customerId)
                .query(Integer.class).single() > 0;
    }

    void insert(String orderId, String customerId, List<OrderLineView> lines, BigDecimal total, SagaStyle saga,
            String eventKey, OffsetDateTime now) {
        jdbc.sql("""
                        insert into orders (order_id, customer_id, total, status, saga_style, event_key, created_at,
                                            updated_at)
                        values (:id, :customerId, :total, 'PENDING', :saga, :eventKey, :now, :now)""")
                .param("id", orderId)
                .param("eventKey", eventKey)
                .param("customerId", customerId)
                .param("total", total)
                .param("saga", saga.name())
                .param("now", now)
                .update();
        for (int i = 0; i < lines.size(); i++) {
            OrderLineView line = lines.get(i);
            jdbc.sql("""
                            insert into order_line (order_id, line_no, sku, quantity, unit_price)
                            values (:id, :lineNo, :sku, :quantity, :unitPrice)""")
                    .param("id", orderId)
                    .param("lineNo", i + 1)
                    .param("sku", line.sku())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice())
                    .update();
        }
    }

    Optional<OrderView> find(String orderId) {
        List<OrderLineView> lines = jdbc.sql("""
                        select sku, quantity, unit_price from order_line where order_id = :id order by line_no""")
                .param("id", orderId)
                .query(OrderLineView.class)
                .list();
        return jdbc.sql("""
                        select order_id, customer_id, total, status, rejection_reason, saga_style, created_at, updated_at
                        from orders where order_id = :id""")
                .param("id", orderId)
                .query((rs, row) -> new OrderView(rs.getString("order_id"), rs.getString("customer_id"), lines,
                        rs.getBigDecimal("total"), OrderStatus.valueOf(rs.getString("status")),
                        // A reason noted while the saga still compensates is shown once the order is rejected.
                        "REJECTED".equals(rs.getString("status")) ? rs.getString("rejection_reason") : null,
                        SagaStyle.valueOf(rs.getString("saga_style")).apiName(),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    /** Whether the order is still PENDING and coordinated in this style. */
    boolean isPending(String orderId, SagaStyle saga) {
        return jdbc.sql("select count(*) from orders where order_id = :id and status = 'PENDING' and saga_style = :saga")
                .param("id", orderId)
                .param("saga", saga.name())
                .query(Integer.class).single() > 0;
    }

    /** Ends a PENDING order; false if it was not PENDING (ended already). */
    /** The record key the order's events were given when it was placed; its id for orders from before V7. */
    String eventKeyOf(String orderId) {
        return jdbc.sql("select coalesce(event_key, order_id) from orders where order_id = :id")
                .param("id", orderId)
                .query(String.class)
                .optional()
                .orElse(orderId);
    }

    boolean finish(String orderId, OrderStatus status, String reason, OffsetDateTime now) {
        return jdbc.sql("""
                        update orders set status = :status, rejection_reason = :reason, updated_at = :now
                        where order_id = :id and status = 'PENDING'""")
                .param("status", status.name())
                .param("reason", reason)
                .param("now", now)
                .param("id", orderId)
                .update() == 1;
    }

    /** Notes why a PENDING order will be rejected, while its compensations still run. */
    void noteRejectionReason(String orderId, String reason) {
        jdbc.sql("update orders set rejection_reason = :reason where order_id = :id and status = 'PENDING'")
                .param("reason", reason)
                .param("id", orderId)
                .update();
    }

    Optional<String> notedRejectionReason(String orderId) {
        return jdbc.sql("select rejection_reason from orders where order_id = :id")
                .param("id", orderId)
                .query(String.class)
                .optional();
    }

    Optional<IdempotencyRecord> findIdempotencyKey(String key) {
        return jdbc.sql("select idempotency_key, request_hash, order_id from idempotency_key where idempotency_key = :key")
                .param("key", key)
                .query(IdempotencyRecord.class)
                .optional();
    }

    void saveIdempotencyKey(IdempotencyRecord record, OffsetDateTime now) {
        jdbc.sql("""
                        insert into idempotency_key (idempotency_key, request_hash, order_id, created_at)
                        values (:key, :hash, :orderId, :now)""")
                .param("key", record.idempotencyKey())
                .param("hash", record.requestHash())
                .param("orderId", record.orderId())
                .param("now", now)
                .update();
    }
}
