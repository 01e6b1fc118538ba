package com.example.playground.order.history;

import com.example.playground.contracts.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order history's table: the projection writes it, {@code GET /api/order-history} reads it.
 * Each event sets only the columns it knows about, so events of one order arriving from different
 * topics in any order end in the same row (Kafka keeps order within a topic's partition, not across
 * topics); the count of events is exact because the projection's inbox lets each event through once.
 */
@Repository
class OrderHistory {

    private static final String COLUMNS = """
            order_id, customer_id, saga, total, items, order_status, payment_status, stock_status, reason,
            placed_at, updated_at, events""";

    /** Column by column: a row mapper that guesses names tries each component's name first, a miss each. */
    private static final RowMapper<Entry> ENTRY = (rs, row) -> new Entry(rs.getString("order_id"),
            rs.getString("customer_id"), rs.getString("saga"), rs.getBigDecimal("total"), rs.getString("items"),
            rs.getString("order_status"), rs.getString("payment_status"), rs.getString("stock_status"),
            rs.getString("reason"), rs.getObject("placed_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class), rs.getInt("events"));

    private final JdbcClient jdbc;

    OrderHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One order as the history knows it; fields an event has not brought yet are null. */
    record Entry(String orderId, String customerId, String saga, BigDecimal total, String items, String status,
            String payment, String stock, String reason, OffsetDateTime placedAt, OffsetDateTime updatedAt,
            int events) {
    }

    void placed(OrderPlaced placed, Instant at) {
        String items = placed.items().stream().map(line -> line.quantity() + " x " + line.sku())
                .collect(Collectors.joining(", "));
        ensure(placed.orderId(), at);
        jdbc.sql("""
                        update order_history set customer_id = :customer, saga = :saga, total = :total, items = :items,
                            placed_at = :at, events = events + 1, updated_at = greatest(updated_at, :at)
                        where order_id = :id""")
                .param("customer", placed.customerId())
                .param("saga", placed.saga() == null ? null : placed.saga().apiName())
                .param("total", placed.total())
                .param("items", items.length() > 2000 ? items.substring(0, 1997) + "..." : items)
                .param("at", utc(at))
                .param("id", placed.orderId())
                .update();
    }

    void orderEnded(String orderId, String status, String reason, Instant at) {
        set(orderId, "order_status", status, reason, at);
    }

    void payment(String orderId, String status, Instant at) {
        set(orderId, "payment_status", status, null, at);
    }

    void stock(String orderId, String status, Instant at) {
        set(orderId, "stock_status", status, null, at);
    }

    List<Entry> ofCustomer(String customerId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from order_history where customer_id = :customer
                        order by placed_at desc, order_id limit :limit""")
                .param("customer", customerId)
                .param("limit", limit)
                .query(ENTRY)
                .list();
    }

    long rows() {
        return jdbc.sql("select count(*) from order_history").query(Long.class).single();
    }

    /** Nothing projected yet: a fresh database, or one a rebuild emptied. */
    boolean neverFilled() {
        return eventsRead() == 0;
    }

    /** The events the projection has used: its inbox's marks. */
    long eventsRead() {
        return jdbc.sql("select count(*) from order_history_message").query(Long.class).single();
    }

    /** Every row, in a fixed order: what a rebuild must give back exactly. */
    List<Entry> all() {
        return jdbc.sql("select " + COLUMNS + " from order_history order by order_id").query(ENTRY).list();
    }

    /** Empties the read model and the projection's inbox: the start of a rebuild. */
    @Transactional
    void clear() {
        jdbc.sql("delete from order_history_message").update();
        jdbc.sql("delete from order_history").update();
    }

    /** Only the order's own rejection brings a reason: one topic, so a rebuild gives the same one. */
    private void set(String orderId, String column, String status, String reason, Instant at) {
        ensure(orderId, at);
        jdbc.sql("""
                        update order_history set %s = :status, reason = coalesce(:reason, reason),
                            events = events + 1, updated_at = greatest(updated_at, :at)
                        where order_id = :id""".formatted(column))
                .param("status", status)
                .param("reason", reason)
                .param("at", utc(at))
                .param("id", orderId)
                .update();
    }

    /** The order's row, made when its first event arrives, whichever topic that came from. */
    private void ensure(String orderId, Instant at) {
        jdbc.sql("""
                        insert into order_history (order_id, order_status, updated_at, events)
                        select :id, 'PENDING', :at, 0 where not exists
                            (select 1 from order_history where order_id = :id)""")
                .param("id", orderId)
                .param("at", utc(at))
                .update();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
