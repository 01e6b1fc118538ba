package com.example.playground.saga.placeorder;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.StepOutcome;
import com.example.playground.saga.engine.Transition.HistoryLine;
import com.example.playground.saga.placeorder.SagaRepository.StoredSaga;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read model of choreographed orders: nobody runs their saga, so the orchestrator only listens
 * and writes down what each participant said it did, in the same steps and outcomes the
 * orchestrated saga uses. That is what lets {@code GET /api/sagas/{orderId}} show both styles side
 * by side. It never sends anything.
 */
@Service
public class ChoreographyTimeline {

    private final SagaRepository sagas;
    private final Clock clock;
    private final SagaMetrics metrics;

    ChoreographyTimeline(SagaRepository sagas, Clock clock, SagaMetrics metrics) {
        this.sagas = sagas;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    public void started(OrderPlaced placed) {
        if (placed.saga() != SagaStyle.CHOREOGRAPHY || sagas.exists(placed.orderId())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        sagas.insert(PlaceOrderSaga.DEFINITION.name(), SagaStyle.CHOREOGRAPHY, PlaceOrderData.of(placed),
                new SagaState(SagaStatus.RUNNING, 0, null), now);
        sagas.append(placed.orderId(), List.of(new HistoryLine("place order", StepOutcome.DONE, "OrderPlaced")), now);
    }

    @Transactional
    public void heard(Event event) {
        Optional<StoredSaga> found = sagas.find(event.orderId()).filter(s -> s.style() == SagaStyle.CHOREOGRAPHY);
        if (found.isEmpty()) {
            return;
        }
        StoredSaga saga = found.get();
        SagaState state = saga.state();
        HistoryLine line;
        if (event instanceof StockReserved) {
            line = new HistoryLine("reserve stock", StepOutcome.SUCCEEDED, "StockReserved");
        } else if (event instanceof StockRejected rejected) {
            line = new HistoryLine("reserve stock", StepOutcome.FAILED, rejected.reason());
            state = new SagaState(SagaStatus.COMPENSATING, state.step(), rejected.reason());
        } else if (event instanceof PaymentAuthorized) {
            line = new HistoryLine("authorize payment", StepOutcome.SUCCEEDED, "PaymentAuthorized");
        } else if (event instanceof PaymentDeclined declined) {
            line = new HistoryLine("authorize payment", StepOutcome.FAILED, declined.reason());
            state = new SagaState(SagaStatus.COMPENSATING, state.step(), declined.reason());
        } else if (event instanceof StockReleased) {
            line = new HistoryLine("reserve stock", StepOutcome.COMPENSATED, "StockReleased");
        } else if (event instanceof PaymentRefunded) {
            line = new HistoryLine("authorize payment", StepOutcome.COMPENSATED, "PaymentRefunded");
        } else if (event instanceof OrderApproved) {
            line = new HistoryLine("approve order", StepOutcome.SUCCEEDED, "OrderApproved");
            state = new SagaState(SagaStatus.COMPLETED, state.step(), null);
        } else if (event instanceof OrderRejected rejected) {
            line = new HistoryLine("place order", StepOutcome.COMPENSATED, "OrderRejected");
            state = new SagaState(SagaStatus.ROLLED_BACK, state.step(), rejected.reason());
        } else {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        sagas.update(saga, state, now);
        sagas.append(saga.orderId(), List.of(line), now);
        metrics.ended(saga, state, now);
    }
}
