package com.example.playground.monolith.credit;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customers and their credit. What payment-service owns, as one table. */
@Repository
public class Credit {

    private final JdbcClient jdbc;

    Credit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A customer as {@code GET /api/monolith/customers/{customerId}} shows them. */
    record Customer(String customerId, BigDecimal credit) {
    }

    /**
     * The customer's credit, their row locked until the caller's transaction ends: no other order
     * can spend it in between. Empty for an unknown customer.
     */
    public Optional<BigDecimal> lock(String customerId) {
        return jdbc.sql("select credit from customer where customer_id = :id for update")
                .param("id", customerId)
                .query(BigDecimal.class)
                .optional();
    }

    /** Spends credit of a customer locked with {@link #lock} and found to have it. */
    public void charge(String customerId, BigDecimal amount) {
        jdbc.sql("update customer set credit = credit - :amount where customer_id = :id")
                .param("amount", amount)
                .param("id", customerId)
                .update();
    }

    Optional<Customer> find(String customerId) {
        return jdbc.sql("select customer_id, credit from customer where customer_id = :id")
                .param("id", customerId)
                .query((rs, row) -> new Customer(rs.getString("customer_id"), rs.getBigDecimal("credit")))
                .optional();
    }
}
