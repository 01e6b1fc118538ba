package com.example.playground.payment.payment;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockReserved;
import java.math.BigDecimal;
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
public class ChoreographedCharges {

    private final JdbcClient jdbc;
    private final Payments payments;

    ChoreographedCharges(JdbcClient jdbc, Payments payments) {
        this.jdbc = jdbc;
        this.payments = payments;
    }

    private record Charge(String orderId, SagaStyle saga, String customerId, BigDecimal amount, boolean stockReserved,
                          boolean charged) {

        boolean ready() {
            return saga == SagaStyle.CHOREOGRAPHY && stockReserved && !charged;
        }
    }

    @Transactional
    public void orderPlaced(OrderPlaced placed) {
        Charge charge = find(placed.orderId())
                .map(c -> new Charge(c.orderId(), placed.saga(), placed.customerId(), placed.total(), c.stockReserved(),
                        c.charged()))
                .orElse(new Charge(placed.orderId(), placed.saga(), placed.customerId(), placed.total(), false, false));
        chargeIfReady(save(charge));
    }

    @Transactional
    public void stockReserved(StockReserved reserved) {
        Charge charge = find(reserved.orderId())
                .map(c -> new Charge(c.orderId(), c.saga(), c.customerId(), c.amount(), true, c.charged()))
                .orElse(new Charge(reserved.orderId(), null, null, null, true, false));
        chargeIfReady(save(charge));
    }

    private void chargeIfReady(Charge charge) {
        if (charge.ready()) {
            payments.authorize(new AuthorizePaymentCommand(charge.orderId(), charge.customerId(), charge.amount()));
            jdbc.sql("update choreography_charge set charged = true where order_id = :id")
                    .param("id", charge.orderId()).update();
        }
    }

    private Optional<Charge> find(String orderId) {
        return jdbc.sql("""
                        select order_id, saga, customer_id, amount, stock_reserved, charged
                        from choreography_charge where order_id = :id""")
                .param("id", orderId)
                .query(Charge.class)
                .optional();
    }

    private Charge save(Charge charge) {
        int updated = jdbc.sql("""
                        update choreography_charge set saga = :saga, customer_id = :customerId, amount = :amount,
                               stock_reserved = :stockReserved
                        where order_id = :orderId""")
                .params(params(charge))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into choreography_charge (order_id, saga, customer_id, amount, stock_reserved, charged)
                            values (:orderId, :saga, :customerId, :amount, :stockReserved, false)""")
                    .params(params(charge))
                    .update();
        }
        return charge;
    }

    private static java.util.Map<String, Object> params(Charge charge) {
        var params = new java.util.HashMap<String, Object>();
        params.put("orderId", charge.orderId());
        params.put("saga", charge.saga() == null ? null : charge.saga().name());
        params.put("customerId", charge.customerId());
        params.put("amount", charge.amount());
        params.put("stockReserved", charge.stockReserved());
        return params;
    }
}
