package com.example.playground.payment.credit;

import com.example.playground.payment.credit.CreditEvent.Kind;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Event sourcing: every change to a customer's credit is an event appended to their ledger
 * ({@code credit_event}), and the balance ({@code customer_account.credit}) is those events folded,
 * kept in the same transaction as the event, so a payment's event, its balance and its outbox row
 * commit together or not at all. The ledger is the truth; the stored balance is a projection of it
 * that reads and the credit check use, and a rebuild folds it again from the ledger ({@code Balances}).
 *
 * <p>Callers run it inside their transaction (Payments' @Transactional): it never starts one of its own.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class CreditLedger {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Faults faults;

    CreditLedger(JdbcClient jdbc, Clock clock, Faults faults) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.faults = faults;
        faults.offer(Switch.BALANCE_PROJECTION_CORRUPT);
    }

    /** The stored balance: what the customer can spend, as folded so far. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<BigDecimal> balanceOf(String customerId) {
        return jdbc.sql("select credit from customer_account where customer_id = :customerId")
                .param("customerId", customerId)
                .query(BigDecimal.class)
                .optional();
    }

    /**
     * Takes a payment's amount: appends AUTHORIZED and folds it into the balance. False, with
     * nothing written, when the balance does not cover it (or there is no such customer).
     */
    public boolean authorize(String customerId, String orderId, String paymentId, BigDecimal amount) {
        // The row's update is the check, the lock and the next seq at once: a concurrent payment of
        // the same customer waits here until this transaction ends, then sees the new balance.
        int updated = jdbc.sql("""
                        update customer_account set credit = credit - :change, version = version + 1
                        where customer_id = :customerId and credit >= :amount""")
                .param("change", folded(amount))
                .param("customerId", customerId)
                .param("amount", amount)
                .update();
        if (updated == 0) {
            return false;
        }
        append(customerId, Kind.AUTHORIZED, amount, orderId, paymentId);
        return true;
    }

    /** Gives a payment's amount back: appends REFUNDED and folds it into the balance. */
    public void refund(String customerId, String orderId, String paymentId, BigDecimal amount) {
        int updated = jdbc.sql("""
                        update customer_account set credit = credit + :change, version = version + 1
                        where customer_id = :customerId""")
                .param("change", folded(amount))
                .param("customerId", customerId)
                .update();
        if (updated == 1) {
            append(customerId, Kind.REFUNDED, amount, orderId, paymentId);
        }
    }

    /** The amount the stored balance moves by: all of it, or nothing while the projection is switched to corrupt. */
    private BigDecimal folded(BigDecimal amount) {
        return faults.isOn(Switch.BALANCE_PROJECTION_CORRUPT) ? BigDecimal.ZERO : amount;
    }

    /** The event numbered with the version the account row has just been given (and is locked at). */
    private void append(String customerId, Kind kind, BigDecimal amount, String orderId, String paymentId) {
        jdbc.sql("""
                        insert into credit_event (customer_id, seq, kind, amount, order_id, payment_id, occurred_at)
                        select customer_id, version, :kind, :amount, :orderId, :paymentId, :at
                        from customer_account where customer_id = :customerId""")
                .param("kind", kind.name())
                .param("amount", amount)
                .param("orderId", orderId)
                .param("paymentId", paymentId)
                .param("at", OffsetDateTime.now(clock))
                .param("customerId", customerId)
                .update();
    }

    /** A customer's ledger up to a moment: the balance folded from every event then, and the latest of those events. */
    record Statement(BigDecimal balance, long events, List<Line> latest) {
    }

    /** One event with the balance it left. */
    record Line(long seq, Kind kind, BigDecimal amount, String orderId, String paymentId, OffsetDateTime occurredAt,
            BigDecimal balance) {
    }

    /** Empty for an unknown customer. {@code asOf} null: up to now. */
    @Transactional(readOnly = true)
    Optional<Statement> statement(String customerId, OffsetDateTime asOf, int latest) {
        if (balanceOf(customerId).isEmpty()) {
            return Optional.empty();
        }
        String until = asOf == null ? "" : " and occurred_at <= :asOf";
        var total = jdbc.sql("select coalesce(sum(" + CreditEvent.CHANGE_SQL + "), 0) as balance, count(*) as events"
                        + " from credit_event where customer_id = :customerId" + until)
                .param("customerId", customerId);
        var events = jdbc.sql("select customer_id, seq, kind, amount, order_id, payment_id, occurred_at from credit_event"
                        + " where customer_id = :customerId" + until + " order by seq desc limit :latest")
                .param("customerId", customerId)
                .param("latest", latest);
        if (asOf != null) {
            total = total.param("asOf", asOf);
            events = events.param("asOf", asOf);
        }
        record Total(BigDecimal balance, long events) {
        }
        Total sum = total.query((rs, row) -> new Total(rs.getBigDecimal("balance"), rs.getLong("events"))).single();
        List<CreditEvent> newestFirst = events.query(CreditEvent.MAPPER).list();
        // Walked back from the total: the balance after each event listed, oldest first.
        List<Line> lines = new ArrayList<>();
        BigDecimal after = sum.balance();
        for (CreditEvent event : newestFirst) {
            lines.add(0, new Line(event.seq(), event.kind(), event.amount(), event.orderId(), event.paymentId(),
                    event.occurredAt(), after));
            after = after.subtract(event.change());
        }
        return Optional.of(new Statement(sum.balance(), sum.events(), lines));
    }
}
