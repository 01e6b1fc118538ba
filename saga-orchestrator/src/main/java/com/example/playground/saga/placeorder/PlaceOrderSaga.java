package com.example.playground.saga.placeorder;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderPlaced;
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
 * The place-order saga. Read it top to bottom: each step, the reply that ends it, and how it is
 * undone if a later step fails. Undo runs bottom to top.
 *
 * <p>This is the one place its steps and messages are written: the orchestrator runs it, the
 * choreography timeline reads choreographed orders' events through it, and the saga listener hears
 * the topics of the events it names. To add a step, add it here (and its messages to contracts).
 * A step's name is stored with every saga in flight: rename one only with a migration that renames
 * it in {@code saga_instance.current_step} too.
 */
final class PlaceOrderSaga {

    public static final SagaDefinition<PlaceOrderData> DEFINITION = SagaDefinition.<PlaceOrderData>named("place-order")
            .startsOn(OrderPlaced.class)
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
