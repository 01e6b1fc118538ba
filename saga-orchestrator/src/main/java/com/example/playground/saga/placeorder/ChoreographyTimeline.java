package com.example.playground.saga.placeorder;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.saga.engine.SagaDefinition;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.Transition;
import com.example.playground.saga.placeorder.SagaRepository.StoredSaga;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read model of choreographed orders: nobody runs their saga, so the orchestrator only listens
 * and writes down what each participant said it did. Which step an event belongs to, and whether it
 * means the step succeeded, failed or was undone, is read from {@link PlaceOrderSaga}, so both
 * styles show the same steps and outcomes and {@code GET /api/sagas/{orderId}} can show them side
 * by side. It never sends anything.
 */
@Service
class ChoreographyTimeline {

    private static final SagaDefinition<PlaceOrderData> SAGA = PlaceOrderSaga.DEFINITION;

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
        Transition started = SAGA.observeStart();
        OffsetDateTime now = OffsetDateTime.now(clock);
        sagas.insert(SAGA.name(), SagaStyle.CHOREOGRAPHY, PlaceOrderData.of(placed), started.state(), now);
        sagas.append(placed.orderId(), started.history(), now);
    }

    @Transactional
    public void heard(Event event) {
        Optional<StoredSaga> found = sagas.find(event.orderId()).filter(s -> s.style() == SagaStyle.CHOREOGRAPHY);
        if (found.isEmpty()) {
            return;
        }
        StoredSaga saga = found.get();
        Transition heard = SAGA.observe(saga.state(), event);
        if (!heard.changed()) {
            return;
        }
        SagaState state = heard.state();
        // A choreographed order can end with no step failing: order-service's own deadline rejects
        // it, and then only OrderRejected says why.
        if (event instanceof OrderRejected rejected && state.failureReason() == null) {
            state = new SagaState(state.status(), state.step(), rejected.reason());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        sagas.update(saga, state, now);
        sagas.append(saga.orderId(), heard.history(), now);
        metrics.ended(saga, state, now);
    }
}
