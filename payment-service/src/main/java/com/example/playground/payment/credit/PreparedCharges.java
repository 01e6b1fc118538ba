package com.example.playground.payment.credit;

import com.example.playground.support.twophase.PreparedTransactions;
import com.example.playground.support.web.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * payment-service as a participant of two-phase commit (docs/patterns/two-phase-commit.md): an
 * order's amount taken from the customer's credit (AUTHORIZED on the ledger, the balance folded) in
 * a transaction that is prepared, not committed, so the account's row stays locked until the
 * coordinator decides. The payment provider takes no part: it cannot prepare, which is one reason
 * sagas exist.
 */
@Service
class PreparedCharges {

    private final CreditLedger ledger;
    private final PreparedTransactions prepared;
    private final JdbcClient jdbc;

    PreparedCharges(CreditLedger ledger, PreparedTransactions prepared, JdbcClient jdbc) {
        this.ledger = ledger;
        this.prepared = prepared;
        this.jdbc = jdbc;
    }

    /** Phase one: a "yes" (prepared) or a 409 problem (a "no"), with nothing prepared. */
    void prepare(String orderId, String customerId, BigDecimal amount) {
        prepared.prepare(orderId, () -> {
            if (charged(orderId)) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-charged", "Already charged",
                        "Order " + orderId + " has been charged already");
            }
            if (!ledger.authorize(customerId, orderId, null, amount)) {
                throw new ProblemException(HttpStatus.CONFLICT, "insufficient-credit", "Insufficient credit",
                        "%s's credit does not cover %s (or there is no such account)".formatted(customerId,
                                amount.toPlainString()));
            }
        });
    }

    /** Phase two: the coordinator's decision; false when nothing was prepared for the order (told before, or never). */
    boolean end(String orderId, boolean commit) {
        return commit ? prepared.commit(orderId) : prepared.rollback(orderId);
    }

    List<String> prepared() {
        return prepared.ids();
    }

    private boolean charged(String orderId) {
        return jdbc.sql("select count(*) from credit_event where order_id = :orderId and kind = 'AUTHORIZED'")
                .param("orderId", orderId).query(Long.class).single() > 0;
    }
}
