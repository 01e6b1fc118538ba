package com.example.playground.payment.payment;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockReserved;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Choreography: charge an order once its stock is reserved. Needs two events from two topics,
 * {@link OrderPlaced} (who pays, how much, which style) and {@link StockReserved}; they may come in
 * either order (after a restart, say), so each is noted and the charge happens when both are in.
 * Orchestrated orders are left to the orchestrator's AuthorizePaymentCommand.
 */
@Service
class ChoreographedCharges {

    private final JdbcClient jdbc;
    private final Payments payments;

    ChoreographedCharges(JdbcClient jdbc, Payments payments) {
        this.jdbc = jdbc;
        this.payments = payments;
    }

    /** What payment has heard of one order so far. */
    private record Charge(String orderId, SagaStyle sagaStyle, String customerId, BigDecimal amount,
                          boolean stockReserved, boolean charged, boolean orderRejected) {

        static Charge nothingHeard(String orderId) {
            return new Charge(orderId, null, null, null, false, false, false);
        }

        Charge withOrder(OrderPlaced placed) {
            return new Charge(orderId, placed.saga(), placed.customerId(), placed.total(), stockReserved, charged,
                    orderRejected);
        }

        Charge withStockReserved() {
            return new Charge(orderId, sagaStyle, customerId, amount, true, charged, orderRejected);
        }

        Charge withOrderRejected() {
            return new Charge(orderId, sagaStyle, customerId, amount, stockReserved, charged, true);
        }

        boolean ready() {
            return sagaStyle == SagaStyle.CHOREOGRAPHY && stockReserved && !charged && !orderRejected;
        }
    }

    @Transactional
    public void orderPlaced(OrderPlaced placed) {
        chargeIfReady(save(heardOf(placed.orderId()).withOrder(placed)));
    }

    @Transactional
    public void stockReserved(StockReserved reserved) {
        chargeIfReady(save(heardOf(reserved.orderId()).withStockReserved()));
    }

    /**
     * The order was rejected (timed out, or failed elsewhere): never charge it from now on, and give
     * back a charge already made. Declined or never-charged orders need nothing.
     */
    @Transactional
    public void orderRejected(OrderRejected rejected) {
        Charge charge = save(heardOf(rejected.orderId()).withOrderRejected());
        boolean authorized = payments.ofOrder(rejected.orderId()).stream()
                .anyMatch(payment -> payment.status() == Payment.PaymentStatus.AUTHORIZED);
        if (charge.sagaStyle() == SagaStyle.CHOREOGRAPHY && authorized) {
            payments.refund(new RefundPaymentCommand(rejected.orderId()));
        }
    }

    private void chargeIfReady(Charge charge) {
        if (charge.ready()) {
            payments.authorize(new AuthorizePaymentCommand(charge.orderId(), charge.customerId(), charge.amount()));
            jdbc.sql("update choreography_charge set charged = true where order_id = :id")
                    .param("id", charge.orderId()).update();
        }
    }

    private Charge heardOf(String orderId) {
        return find(orderId).orElse(Charge.nothingHeard(orderId));
    }

    private Optional<Charge> find(String orderId) {
        return jdbc.sql("""
                        select order_id, saga_style, customer_id, amount, stock_reserved, charged, order_rejected
                        from choreography_charge where order_id = :id""")
                .param("id", orderId)
                .query(Charge.class)
                .optional();
    }

    private Charge save(Charge charge) {
        int updated = jdbc.sql("""
                        update choreography_charge set saga_style = :sagaStyle, customer_id = :customerId, amount = :amount,
                               stock_reserved = :stockReserved, order_rejected = :orderRejected
                        where order_id = :orderId""")
                .params(params(charge))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into choreography_charge (order_id, saga_style, customer_id, amount, stock_reserved,
                                                             charged, order_rejected)
                            values (:orderId, :sagaStyle, :customerId, :amount, :stockReserved, false, :orderRejected)""")
                    .params(params(charge))
                    .update();
        }
        return charge;
    }

    private static Map<String, Object> params(Charge charge) {
        var params = new HashMap<String, Object>();
        params.put("orderId", charge.orderId());
        params.put("sagaStyle", charge.sagaStyle() == null ? null : charge.sagaStyle().name());
        params.put("customerId", charge.customerId());
        params.put("amount", charge.amount());
        params.put("stockReserved", charge.stockReserved());
        params.put("orderRejected", charge.orderRejected());
        return params;
    }
}
