package com.example.playground.inventory.stock;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StockRepository {

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StockItem> find(String sku) {
        return jdbc.sql("select sku, price, available, reserved from stock_item where sku = :sku")
                .param("sku", sku)
                .query(StockItem.class)
                .optional();
    }

    /** Moves stock from available to reserved; false when there is not enough left. */
    boolean reserve(String sku, int quantity) {
        return jdbc.sql("""
                        update stock_item set available = available - :quantity, reserved = reserved + :quantity
                        where sku = :sku and available >= :quantity""")
                .param("sku", sku)
                .param("quantity", quantity)
                .update() == 1;
    }

    void release(String sku, int quantity) {
        jdbc.sql("""
                        update stock_item set available = available + :quantity, reserved = reserved - :quantity
                        where sku = :sku""")
                .param("sku", sku)
                .param("quantity", quantity)
                .update();
    }

    List<Reservation> reservationsOf(String orderId) {
        return jdbc.sql("select order_id, sku, units as quantity, status, saga_style from reservation where order_id = :orderId order by sku")
                .param("orderId", orderId)
                .query(Reservation.class)
                .list();
    }

    void saveReservation(Reservation reservation) {
        jdbc.sql("""
                        insert into reservation (order_id, sku, units, status, saga_style)
                        values (:orderId, :sku, :quantity, :status, :sagaStyle)""")
                .param("orderId", reservation.orderId())
                .param("sku", reservation.sku())
                .param("quantity", reservation.quantity())
                .param("status", reservation.status())
                .param("sagaStyle", reservation.sagaStyle().name())
                .update();
    }

    void markReleased(String orderId) {
        jdbc.sql("update reservation set status = 'RELEASED' where order_id = :orderId")
                .param("orderId", orderId)
                .update();
    }
}
