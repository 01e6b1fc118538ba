package com.example.playground.saga.placeorder;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.saga.engine.SagaDefinition;

/**
 * The orchestrated place-order saga. Read it top to bottom: each step, the reply that ends it,
 * and how it is undone if a later step fails. Undo runs bottom to top.
 */
public final class PlaceOrderSaga {

    public static final SagaDefinition<PlaceOrderData> DEFINITION = SagaDefinition.<PlaceOrderData>named("place-order")
            .step("place order")              // done by order-service before the saga starts: the order is PENDING
                .compensateWith((order, reason) -> new RejectOrderCommand(order.orderId(), reason), OrderRejected.class)
            .step("reserve stock")
                .invoke(order -> new ReserveStockCommand(order.orderId(), order.items()))
                .succeedsOn(StockReserved.class)
                .failsOn(StockRejected.class, StockRejected::reason)
                .compensateWith((order, reason) -> new ReleaseStockCommand(order.orderId()), StockReleased.class)
            .step("authorize payment")
                .invoke(order -> new AuthorizePaymentCommand(order.orderId(), order.customerId(), order.total()))
                .succeedsOn(PaymentAuthorized.class)
                .failsOn(PaymentDeclined.class, PaymentDeclined::reason)
                .compensateWith((order, reason) -> new RefundPaymentCommand(order.orderId()), PaymentRefunded.class)
            .step("approve order")
                .invoke(order -> new ApproveOrderCommand(order.orderId()))
                .succeedsOn(OrderApproved.class)
            .build();

    private PlaceOrderSaga() {
    }
}
