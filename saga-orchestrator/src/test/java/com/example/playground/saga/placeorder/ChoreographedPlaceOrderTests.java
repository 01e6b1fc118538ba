package com.example.playground.saga.placeorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.StepOutcome;
import com.example.playground.saga.engine.Transition;
import com.example.playground.saga.engine.Transition.HistoryLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A choreographed order as stories: nobody runs its saga, the participants' events are only read
 * through {@link PlaceOrderSaga} and written down, in the same steps an orchestrated order shows.
 * No Kafka, no database.
 */
class ChoreographedPlaceOrderTests {

    static final String ORDER = "order-1";

    SagaState state;
    final List<HistoryLine> history = new ArrayList<>();

    @Test
    void anOrderThatGoesWellIsWrittenDownStepByStepUntilItIsApproved() {
        placed();
        heard(new StockReserved(ORDER));
        heard(new PaymentAuthorized(ORDER, "payment-1", new BigDecimal("25.00")));
        assertThat(state.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(state.step()).isEqualTo("authorize payment");

        heard(new OrderApproved(ORDER));

        assertThat(state.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(history).extracting(HistoryLine::step, HistoryLine::outcome, HistoryLine::detail).containsExactly(
                tuple("place order", StepOutcome.DONE, "OrderPlaced"),
                tuple("reserve stock", StepOutcome.SUCCEEDED, "StockReserved"),
                tuple("authorize payment", StepOutcome.SUCCEEDED, "PaymentAuthorized"),
                tuple("approve order", StepOutcome.SUCCEEDED, "OrderApproved"));
    }

    @Test
    void aDeclinedPaymentFailsItsStepAndTheSagaRollsBackOnceTheOrderIsRejected() {
        placed();
        heard(new StockReserved(ORDER));

        heard(new PaymentDeclined(ORDER, "insufficient credit"));
        assertThat(state).isEqualTo(new SagaState(SagaStatus.COMPENSATING, "authorize payment", "insufficient credit"));

        heard(new StockReleased(ORDER));
        assertThat(state.status()).isEqualTo(SagaStatus.COMPENSATING);
        heard(new OrderRejected(ORDER, "insufficient credit"));

        assertThat(state).isEqualTo(new SagaState(SagaStatus.ROLLED_BACK, "place order", "insufficient credit"));
        assertThat(history).extracting(HistoryLine::step, HistoryLine::outcome).containsExactly(
                tuple("place order", StepOutcome.DONE),
                tuple("reserve stock", StepOutcome.SUCCEEDED),
                tuple("authorize payment", StepOutcome.FAILED),
                tuple("reserve stock", StepOutcome.COMPENSATED),
                tuple("place order", StepOutcome.COMPENSATED));
    }

    @Test
    void stockThatIsShortFailsTheReservationWithItsReason() {
        placed();

        heard(new StockRejected(ORDER, "Out of stock: rare-coin"));

        assertThat(history.get(history.size() - 1))
                .isEqualTo(new HistoryLine("reserve stock", StepOutcome.FAILED, "Out of stock: rare-coin"));
        assertThat(state.status()).isEqualTo(SagaStatus.COMPENSATING);
    }

    @Test
    void newsHeardAfterTheEndIsWrittenDownAndTheEndStays() {
        placed();
        heard(new StockReserved(ORDER));
        heard(new PaymentAuthorized(ORDER, "payment-1", new BigDecimal("25.00")));
        // order-service's deadline passed first: the order is rejected, then payment refunds it.
        heard(new OrderRejected(ORDER, "Timed out: no outcome within 60 s"));
        SagaState rolledBack = state;

        heard(new PaymentRefunded(ORDER, "payment-1", new BigDecimal("25.00")));
        heard(new StockReleased(ORDER));

        assertThat(state).isEqualTo(rolledBack);
        assertThat(state.status()).isEqualTo(SagaStatus.ROLLED_BACK);
        assertThat(history).extracting(HistoryLine::step, HistoryLine::outcome).endsWith(
                tuple("place order", StepOutcome.COMPENSATED),
                tuple("authorize payment", StepOutcome.COMPENSATED),
                tuple("reserve stock", StepOutcome.COMPENSATED));
    }

    private void placed() {
        Transition started = PlaceOrderSaga.DEFINITION.observeStart();
        state = started.state();
        history.addAll(started.history());
    }

    private void heard(Event event) {
        Transition heard = PlaceOrderSaga.DEFINITION.observe(state, event);
        assertThat(heard.commands()).as("a choreographed saga sends nothing").isEmpty();
        state = heard.state();
        history.addAll(heard.history());
    }
}
