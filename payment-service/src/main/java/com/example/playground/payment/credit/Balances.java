package com.example.playground.payment.credit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored balances held against the ledger they are folded from: which ones drifted, and
 * every one folded again from its events (the rebuild of {@code ./playground rebuild payment-service}).
 */
@Component
class Balances {

    /** A customer's balance as stored and as its events add up. */
    record Compared(String customerId, BigDecimal stored, BigDecimal folded, long lastSeq) {

        boolean drifted() {
            return stored.compareTo(folded) != 0;
        }
    }

    private final JdbcClient jdbc;

    Balances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Compared> compared() {
        return jdbc.sql("""
                        select a.customer_id, a.credit, coalesce(sum(%s), 0) as folded, coalesce(max(e.seq), 0) as last_seq
                        from customer_account a left join credit_event e on e.customer_id = a.customer_id
                        group by a.customer_id, a.credit order by a.customer_id""".formatted(CreditEvent.CHANGE_SQL))
                .query((rs, row) -> new Compared(rs.getString("customer_id"), rs.getBigDecimal("credit"),
                        rs.getBigDecimal("folded"), rs.getLong("last_seq")))
                .list();
    }

    @Transactional(readOnly = true)
    long events() {
        return jdbc.sql("select count(*) from credit_event").query(Long.class).single();
    }

    /**
     * Every balance folded again from its ledger, in one transaction; the ones that differed are
     * written and returned as they were. Each account row is locked before its events are added up,
     * so a payment of that customer waits for the commit and then folds onto the corrected balance.
     */
    @Transactional
    List<Compared> refold() {
        List<Compared> drifted = new ArrayList<>();
        for (String customerId : jdbc.sql("select customer_id from customer_account order by customer_id")
                .query(String.class).list()) {
            BigDecimal stored = jdbc.sql("select credit from customer_account where customer_id = :customerId for update")
                    .param("customerId", customerId).query(BigDecimal.class).single();
            Compared account = jdbc.sql("""
                            select coalesce(sum(%s), 0) as folded, coalesce(max(seq), 0) as last_seq
                            from credit_event where customer_id = :customerId""".formatted(CreditEvent.CHANGE_SQL))
                    .param("customerId", customerId)
                    .query((rs, row) -> new Compared(customerId, stored, rs.getBigDecimal("folded"), rs.getLong("last_seq")))
                    .single();
            if (account.drifted()) {
                jdbc.sql("update customer_account set credit = :folded, version = :seq where customer_id = :customerId")
                        .param("folded", account.folded())
                        .param("seq", account.lastSeq())
                        .param("customerId", customerId)
                        .update();
                drifted.add(account);
            }
        }
        return drifted;
    }
}
