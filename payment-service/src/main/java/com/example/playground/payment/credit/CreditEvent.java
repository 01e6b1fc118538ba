package com.example.playground.payment.credit;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/**
 * One thing that happened to a customer's credit, as its ledger keeps it: the {@code seq}-th event
 * of that customer. The balance is every event's {@link #change()} added up, in {@code seq} order.
 */
record CreditEvent(String customerId, long seq, Kind kind, BigDecimal amount, String orderId, String paymentId,
        OffsetDateTime occurredAt) {

    /** Past tense, as events are named: what was done to the credit. */
    enum Kind {
        /** The account was opened with this credit. */
        OPENED,
        /** A payment took this amount. */
        AUTHORIZED,
        /** A payment's amount was given back. */
        REFUNDED
    }

    /** Read column by column (no guessing of names from the record's components). */
    static final RowMapper<CreditEvent> MAPPER = (rs, row) -> new CreditEvent(rs.getString("customer_id"),
            rs.getLong("seq"), Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("amount"), rs.getString("order_id"),
            rs.getString("payment_id"), rs.getObject("occurred_at", OffsetDateTime.class));

    /** What this event did to the balance: an authorisation takes, the others give. */
    BigDecimal change() {
        return kind == Kind.AUTHORIZED ? amount.negate() : amount;
    }

    /** The same fold in SQL, over the columns of credit_event. */
    static final String CHANGE_SQL = "case kind when 'AUTHORIZED' then -amount else amount end";
}
