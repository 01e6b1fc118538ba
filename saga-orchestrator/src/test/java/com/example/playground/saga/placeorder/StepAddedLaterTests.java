package com.example.playground.saga.placeorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.saga.engine.SagaDefinition;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.StepOutcome;
import com.example.playground.saga.engine.Transition;
import com.example.playground.saga.engine.Transition.HistoryLine;
import com.example.playground.saga.engine.UnknownStepException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sagas in flight while the definition changes under them. A stored saga finds its step by name,
 * so a step added to {@link PlaceOrderSaga} moves nothing under the orders already waiting, and a
 * step that is gone is refused, not guessed. The "old" definitions here are today's saga with a
 * step it did not have yet.
 */
class StepAddedLaterTests {

    static final String ORDER = "order-1";
    static final PlaceOrderData ALICE_BUYS_TWO_BOOKS =
            new PlaceOrderData(ORDER, "alice", List.of(new OrderLine("book", 2)), new BigDecimal("25.00"));
    static final SagaDefinition<PlaceOrderData> TODAY = PlaceOrderSaga.DEFINITION;

    /** Before stock was reserved: place the order, take the payment, approve. */
    static final SagaDefinition<PlaceOrderData> BEFORE_STOCK_WAS_RESERVED = SagaDefinition.<PlaceOrderData>named("place-order")
            .startsOn(OrderPlaced.class)
            .step("place order")
                .compensateWith((order, reason) -> new RejectOrderCommand(order.orderId(), reason), OrderRejected.class)
            .step("authorize payment")
                .invoke(order -> new AuthorizePaymentCommand(order.orderId(), order.customerId(), order.total()))
                .succeedsOn(PaymentAuthorized.class)
                .failsOn(PaymentDeclined.class, PaymentDeclined::reason)
                .compensateWith((order, reason) -> new RefundPaymentCommand(order.orderId()), PaymentRefunded.class)
            .step("approve order")
                .invoke(order -> new ApproveOrderCommand(order.orderId()))
                .succeedsOn(OrderApproved.class)
            .build();

    /** Before payments: place the order, reserve its stock, approve. */
    static final SagaDefinition<PlaceOrderData> BEFORE_PAYMENTS = SagaDefinition.<PlaceOrderData>named("place-order")
            .startsOn(OrderPlaced.class)
            .step("place order")
                .compensateWith((order, reason) -> new RejectOrderCommand(order.orderId(), reason), OrderRejected.class)
            .step("reserve stock")
                .invoke(order -> new ReserveStockCommand(order.orderId(), order.items()))
                .succeedsOn(StockReserved.class)
                .compensateWith((order, reason) -> new ReleaseStockCommand(order.orderId()), StockReleased.class)
            .step("approve order")
                .invoke(order -> new ApproveOrderCommand(order.orderId()))
                .succeedsOn(OrderApproved.class)
            .build();

    @Test
    void aSagaWaitingForItsPaymentWhenAStepIsAddedBeforeItGoesOnFromItsPayment() {
        SagaState waiting = BEFORE_STOCK_WAS_RESERVED.start(ALICE_BUYS_TWO_BOOKS).state();
        assertThat(waiting).isEqualTo(new SagaState(SagaStatus.RUNNING, "authorize payment", null));
        // Stored as a position it was step 1, which today is "reserve stock": the payment's reply would be lost.
        assertThat(TODAY.stepNames().get(1)).isEqualTo("reserve stock");

        Transition paid = TODAY.handle(waiting, ALICE_BUYS_TWO_BOOKS,
                new PaymentAuthorized(ORDER, "payment-1", new BigDecimal("25.00")));

        assertThat(paid.commands()).containsExactly(new ApproveOrderCommand(ORDER));
        assertThat(paid.state()).isEqualTo(new SagaState(SagaStatus.RUNNING, "approve order", null));
        assertThat(paid.history()).extracting(HistoryLine::step, HistoryLine::outcome).containsExactly(
                tuple("authorize payment", StepOutcome.SUCCEEDED),
                tuple("approve order", StepOutcome.STARTED));
    }

    @Test
    void whenThatPaymentIsDeclinedTheStepsBeforeItAreUndoneByNameLastFirst() {
        SagaState state = BEFORE_STOCK_WAS_RESERVED.start(ALICE_BUYS_TWO_BOOKS).state();

        Transition declined = TODAY.handle(state, ALICE_BUYS_TWO_BOOKS, new PaymentDeclined(ORDER, "insufficient credit"));
        // The added step is undone too, though it never ran for this order: releasing stock that was never
        // reserved changes nothing, as every compensation must (docs/decisions.md).
        assertThat(declined.commands()).containsExactly(new ReleaseStockCommand(ORDER));
        assertThat(declined.state()).isEqualTo(new SagaState(SagaStatus.COMPENSATING, "reserve stock", "insufficient credit"));

        Transition released = TODAY.handle(declined.state(), ALICE_BUYS_TWO_BOOKS, new StockReleased(ORDER));
        assertThat(released.commands()).containsExactly(new RejectOrderCommand(ORDER, "insufficient credit"));
        assertThat(released.state().step()).isEqualTo("place order");

        Transition rejected = TODAY.handle(released.state(), ALICE_BUYS_TWO_BOOKS, new OrderRejected(ORDER, "insufficient credit"));
        assertThat(rejected.state().status()).isEqualTo(SagaStatus.ROLLED_BACK);
    }

    @Test
    void aStepAddedAfterTheOneASagaWaitsAtRunsForItToo() {
        SagaState waiting = BEFORE_PAYMENTS.start(ALICE_BUYS_TWO_BOOKS).state();
        assertThat(waiting.step()).isEqualTo("reserve stock");

        Transition reserved = TODAY.handle(waiting, ALICE_BUYS_TWO_BOOKS, new StockReserved(ORDER));

        assertThat(reserved.commands()).containsExactly(new AuthorizePaymentCommand(ORDER, "alice", new BigDecimal("25.00")));
        assertThat(reserved.state()).isEqualTo(new SagaState(SagaStatus.RUNNING, "authorize payment", null));
    }

    @Test
    void aSagaAtAStepTheDefinitionNoLongerHasIsRefusedNotGuessed() {
        // "authorize payment" was once called "charge card"; a saga stored then still says so.
        SagaState atRenamedStep = new SagaState(SagaStatus.RUNNING, "charge card", null);

        assertThatThrownBy(() -> TODAY.handle(atRenamedStep, ALICE_BUYS_TWO_BOOKS,
                new PaymentAuthorized(ORDER, "payment-1", new BigDecimal("25.00"))))
                .isInstanceOf(UnknownStepException.class)
                .hasMessage("The place-order saga has no step 'charge card' (its steps: place order, reserve stock,"
                        + " authorize payment, approve order); the saga is left as it is");
        assertThatThrownBy(() -> TODAY.overdue(atRenamedStep, ALICE_BUYS_TWO_BOOKS, Duration.ofSeconds(60)))
                .isInstanceOf(UnknownStepException.class);
        assertThatThrownBy(() -> TODAY.remindCompensation(new SagaState(SagaStatus.COMPENSATING, "charge card", "why"),
                ALICE_BUYS_TWO_BOOKS, "late"))
                .isInstanceOf(UnknownStepException.class);
    }

    @Test
    void aFinishedSagaNeedsNoStepAnyMore() {
        SagaState completedAtARemovedStep = new SagaState(SagaStatus.COMPLETED, "charge card", null);

        assertThat(TODAY.handle(completedAtARemovedStep, ALICE_BUYS_TWO_BOOKS, new OrderApproved(ORDER)).changed())
                .isFalse();
    }

    @Test
    void twoStepsOfOneNameOrOneEventNamedTwiceAreRefused() {
        assertThatThrownBy(() -> SagaDefinition.<PlaceOrderData>named("twice").startsOn(OrderPlaced.class)
                .step("reserve stock").invoke(order -> new ReserveStockCommand(order.orderId(), order.items()))
                    .succeedsOn(StockReserved.class)
                .step("reserve stock").invoke(order -> new ApproveOrderCommand(order.orderId()))
                    .succeedsOn(OrderApproved.class)
                .build())
                .hasMessage("Step 'reserve stock' appears twice: sagas find their step by name");
        assertThatThrownBy(() -> SagaDefinition.<PlaceOrderData>named("ambiguous").startsOn(OrderPlaced.class)
                .step("reserve stock").invoke(order -> new ReserveStockCommand(order.orderId(), order.items()))
                    .succeedsOn(StockReserved.class)
                .step("approve order").invoke(order -> new ApproveOrderCommand(order.orderId()))
                    .succeedsOn(StockReserved.class)
                .build())
                .hasMessageStartingWith("StockReserved is named twice in saga 'ambiguous'");
    }
}
