package com.example.playground.monolith.stock;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The products: their prices and how many are left. What inventory-service owns, as one table. */
@Repository
public class Stock {

    private final JdbcClient jdbc;

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A product as {@code GET /api/monolith/products/{sku}} shows it. */
    public record Product(String sku, BigDecimal price, int available) {
    }

    /**
     * The product, its row locked until the caller's transaction ends: no other order can take from
     * it in between, so what is available now is still available when this order takes it.
     */
    public Optional<Product> lock(String sku) {
        return jdbc.sql("select sku, price, available from product where sku = :sku for update")
                .param("sku", sku)
                .query((rs, row) -> new Product(rs.getString("sku"), rs.getBigDecimal("price"), rs.getInt("available")))
                .optional();
    }

    /** Takes units of a product locked with {@link #lock} and found to have them. */
    public void take(String sku, int quantity) {
        jdbc.sql("update product set available = available - :quantity where sku = :sku")
                .param("quantity", quantity)
                .param("sku", sku)
                .update();
    }

    Optional<Product> find(String sku) {
        return jdbc.sql("select sku, price, available from product where sku = :sku")
                .param("sku", sku)
                .query((rs, row) -> new Product(rs.getString("sku"), rs.getBigDecimal("price"), rs.getInt("available")))
                .optional();
    }
}
