package com.example.playground.saga.placeorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.Command;
import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderLine;
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
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.StepOutcome;
import com.example.playground.saga.engine.Transition;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The place-order saga as stories: given these replies, the saga does this. No Kafka, no database. */
class PlaceOrderSagaTests {

    static final String ORDER = "order-1";
    static final PlaceOrderData ALICE_BUYS_TWO_BOOKS =
            new PlaceOrderData(ORDER, "alice", List.of(new OrderLine("book", 2)), new BigDecimal("25.00"));

    SagaState state;

    @Test
    void anOrderThatGoesWellIsReservedPaidAndApproved() {
        assertThat(start()).containsExactly(new ReserveStockCommand(ORDER, List.of(new OrderLine("book", 2))));
        assertThat(state.step()).isEqualTo("reserve stock");

        assertThat(reply(new StockReserved(ORDER)))
                .containsExactly(new AuthorizePaymentCommand(ORDER, "alice", new BigDecimal("25.00")));
        assertThat(state.step()).isEqualTo("authorize payment");

        assertThat(reply(new PaymentAuthorized(ORDER, "payment-1", new BigDecimal("25.00"))))
                .containsExactly(new ApproveOrderCommand(ORDER));
        assertThat(state.step()).isEqualTo("approve order");

        assertThat(reply(new OrderApproved(ORDER))).isEmpty();
        assertThat(state.status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void whenStockIsShortTheOrderIsRejectedAndPaymentIsNeverAsked() {
        start();

        assertThat(reply(new StockRejected(ORDER, "Out of stock: rare-coin")))
                .containsExactly(new RejectOrderCommand(ORDER, "Out of stock: rare-coin"));
        assertThat(state.status()).isEqualTo(SagaStatus.COMPENSATING);

        assertThat(reply(new OrderRejected(ORDER, "Out of stock: rare-coin"))).isEmpty();
        assertThat(state.status()).isEqualTo(SagaStatus.ROLLED_BACK);
        assertThat(state.failureReason()).isEqualTo("Out of stock: rare-coin");
    }

    @Test
    void whenPaymentIsDeclinedStockIsReleasedFirstAndThenTheOrderIsRejected() {
        start();
        reply(new StockReserved(ORDER));

        assertThat(reply(new PaymentDeclined(ORDER, "insufficient credit")))
                .containsExactly(new ReleaseStockCommand(ORDER));

        assertThat(state.step()).isEqualTo("reserve stock");

        assertThat(reply(new StockReleased(ORDER)))
                .containsExactly(new RejectOrderCommand(ORDER, "insufficient credit"));
        assertThat(state.step()).isEqualTo("place order");

        assertThat(reply(new OrderRejected(ORDER, "insufficient credit"))).isEmpty();
        assertThat(state.status()).isEqualTo(SagaStatus.ROLLED_BACK);
    }

    @Test
    void whenPaymentDoesNotAnswerInTimeItIsRefundedJustInCaseThenStockIsReleasedAndTheOrderRejected() {
        start();
        reply(new StockReserved(ORDER));

        Transition timedOut = PlaceOrderSaga.DEFINITION.timeout(state, ALICE_BUYS_TWO_BOOKS, "Timed out");
        state = timedOut.state();
        // The authorisation may still happen when payment-service is back: its refund queues behind it.
        assertThat(timedOut.commands()).containsExactly(new RefundPaymentCommand(ORDER));

        assertThat(reply(new PaymentAuthorized(ORDER, "late", new BigDecimal("25.00")))).isEmpty();
        assertThat(reply(new PaymentRefunded(ORDER, "late", new BigDecimal("25.00"))))
                .containsExactly(new ReleaseStockCommand(ORDER));
        assertThat(reply(new StockReleased(ORDER))).containsExactly(new RejectOrderCommand(ORDER, "Timed out"));
        assertThat(reply(new OrderRejected(ORDER, "Timed out"))).isEmpty();
        assertThat(state.status()).isEqualTo(SagaStatus.ROLLED_BACK);
    }

    @Test
    void aCompensationThatIsNeverConfirmedIsAskedForAgainUntilItIs() {
        start();
        reply(new StockReserved(ORDER));
        reply(new PaymentDeclined(ORDER, "insufficient credit"));
        // The release was parked on a dead-letter topic: inventory-service never confirms it.

        Transition reminded = PlaceOrderSaga.DEFINITION.remindCompensation(state, ALICE_BUYS_TWO_BOOKS, "no confirmation");
        assertThat(reminded.commands()).containsExactly(new ReleaseStockCommand(ORDER));
        assertThat(reminded.state()).isEqualTo(state);
        assertThat(reminded.history()).singleElement().satisfies(line -> {
            assertThat(line.outcome()).isEqualTo(StepOutcome.COMPENSATING);
            assertThat(line.detail()).isEqualTo("ReleaseStockCommand sent again: no confirmation");
        });

        // Both releases are confirmed in the end; the second confirmation is one the saga no longer waits for.
        assertThat(reply(new StockReleased(ORDER))).containsExactly(new RejectOrderCommand(ORDER, "insufficient credit"));
        assertThat(reply(new StockReleased(ORDER))).isEmpty();
        assertThat(reply(new OrderRejected(ORDER, "insufficient credit"))).isEmpty();
        assertThat(state.status()).isEqualTo(SagaStatus.ROLLED_BACK);
    }

    @Test
    void onlyACompensationIsAskedForAgain() {
        start();
        assertThat(PlaceOrderSaga.DEFINITION.remindCompensation(state, ALICE_BUYS_TWO_BOOKS, "late").changed()).isFalse();
        reply(new StockRejected(ORDER, "Out of stock"));
        reply(new OrderRejected(ORDER, "Out of stock"));
        assertThat(PlaceOrderSaga.DEFINITION.remindCompensation(state, ALICE_BUYS_TWO_BOOKS, "late").changed()).isFalse();
    }

    @Test
    void aSagaThatIsNotRunningAStepCannotTimeOut() {
        start();
        reply(new StockRejected(ORDER, "Out of stock"));

        assertThat(PlaceOrderSaga.DEFINITION.timeout(state, ALICE_BUYS_TWO_BOOKS, "Timed out").changed()).isFalse();
    }

    @Test
    void aRepeatedOrLateReplyChangesNothing() {
        start();
        reply(new StockReserved(ORDER));

        Transition repeated = PlaceOrderSaga.DEFINITION.handle(state, ALICE_BUYS_TWO_BOOKS, new StockReserved(ORDER));
        assertThat(repeated.changed()).isFalse();
        assertThat(repeated.commands()).isEmpty();

        Transition releasedOutOfTurn = PlaceOrderSaga.DEFINITION.handle(state, ALICE_BUYS_TWO_BOOKS, new StockReleased(ORDER));
        assertThat(releasedOutOfTurn.changed()).isFalse();
    }

    @Test
    void theHistoryTellsWhatHappenedStepByStep() {
        Transition started = PlaceOrderSaga.DEFINITION.start(ALICE_BUYS_TWO_BOOKS);
        assertThat(started.history()).extracting(Transition.HistoryLine::step, Transition.HistoryLine::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("place order", StepOutcome.DONE),
                        org.assertj.core.groups.Tuple.tuple("reserve stock", StepOutcome.STARTED));

        Transition failed = PlaceOrderSaga.DEFINITION.handle(started.state(), ALICE_BUYS_TWO_BOOKS,
                new StockRejected(ORDER, "Out of stock"));
        assertThat(failed.history()).extracting(Transition.HistoryLine::step, Transition.HistoryLine::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reserve stock", StepOutcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("place order", StepOutcome.COMPENSATING));
    }

    private List<Command> start() {
        Transition transition = PlaceOrderSaga.DEFINITION.start(ALICE_BUYS_TWO_BOOKS);
        state = transition.state();
        return transition.commands();
    }

    private List<Command> reply(Event event) {
        Transition transition = PlaceOrderSaga.DEFINITION.handle(state, ALICE_BUYS_TWO_BOOKS, event);
        state = transition.state();
        return transition.commands();
    }
}
