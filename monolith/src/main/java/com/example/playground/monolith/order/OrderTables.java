package com.example.playground.monolith.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop_order and order_line tables. */
@Repository
class OrderTables {

    private final JdbcClient jdbc;

    OrderTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An order as it was decided: it never changes afterwards, so created and updated are the same. */
    void insert(String orderId, String customerId, List<OrderLine> lines, BigDecimal total, OrderStatus status,
            String rejectionReason, OffsetDateTime now) {
        jdbc.sql("""
                        insert into shop_order (order_id, customer_id, total, status, rejection_reason, created_at, updated_at)
                        values (:id, :customerId, :total, :status, :reason, :now, :now)""")
                .param("id", orderId)
                .param("customerId", customerId)
                .param("total", total)
                .param("status", status.name())
                .param("reason", rejectionReason)
                .param("now", now)
                .update();
        for (OrderLine line : lines) {
            jdbc.sql("insert into order_line (order_id, sku, quantity, unit_price) values (:id, :sku, :quantity, :unitPrice)")
                    .param("id", orderId)
                    .param("sku", line.sku())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice())
                    .update();
        }
    }

    Optional<OrderView> find(String orderId) {
        List<OrderLine> lines = jdbc.sql("select sku, quantity, unit_price from order_line where order_id = :id order by sku")
                .param("id", orderId)
                .query((rs, row) -> new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")))
                .list();
        return jdbc.sql("""
                        select order_id, customer_id, total, status, rejection_reason, created_at, updated_at
                        from shop_order where order_id = :id""")
                .param("id", orderId)
                .query((rs, row) -> new OrderView(rs.getString("order_id"), rs.getString("customer_id"), lines,
                        rs.getBigDecimal("total"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("rejection_reason"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }
}
