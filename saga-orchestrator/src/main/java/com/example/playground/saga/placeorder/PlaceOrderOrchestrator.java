package com.example.playground.saga.placeorder;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.saga.engine.SagaDefinition;
import com.example.playground.saga.engine.Transition;
import com.example.playground.saga.engine.UnknownStepException;
import com.example.playground.saga.placeorder.SagaRepository.StoredSaga;
import com.example.playground.support.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs {@link PlaceOrderSaga} for every order placed with the orchestration style: stores the saga,
 * feeds it each reply, and sends the commands it decides on through the outbox, all in the
 * transaction of the message that caused them.
 */
@Service
class PlaceOrderOrchestrator {

    private static final Logger log = LoggerFactory.getLogger(PlaceOrderOrchestrator.class);
    private static final SagaDefinition<PlaceOrderData> SAGA = PlaceOrderSaga.DEFINITION;

    private final SagaRepository sagas;
    private final Outbox outbox;
    private final Clock clock;
    private final SagaMetrics metrics;

    PlaceOrderOrchestrator(SagaRepository sagas, Outbox outbox, Clock clock, SagaMetrics metrics) {
        this.sagas = sagas;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    public void start(OrderPlaced placed) {
        if (placed.saga() != SagaStyle.ORCHESTRATION || sagas.exists(placed.orderId())) {
            return;
        }
        PlaceOrderData data = PlaceOrderData.of(placed);
        Transition transition = SAGA.start(data);
        OffsetDateTime now = now();
        sagas.insert(SAGA.name(), SagaStyle.ORCHESTRATION, data, transition.state(), now);
        apply(placed.orderId(), transition, now);
    }

    /**
     * Feeds a reply to its saga. A saga stored at a step {@link PlaceOrderSaga} no longer has makes
     * the engine throw {@link UnknownStepException}: nothing changes, and the reply is retried, then
     * parked on its dead-letter topic, to be sent again once the stored step is renamed
     * (docs/decisions.md, "Saga steps are stored by name").
     */
    @Transactional
    public void handle(Event reply) {
        Optional<StoredSaga> found = sagas.find(reply.orderId()).filter(s -> s.style() == SagaStyle.ORCHESTRATION);
        if (found.isEmpty()) {
            return; // not one we run: a choreographed order, or the saga was never started
        }
        StoredSaga saga = found.get();
        Transition transition;
        try {
            transition = SAGA.handle(saga.state(), saga.data(), reply);
        } catch (UnknownStepException e) {
            log.error("Saga {} cannot handle {}: {}", saga.orderId(), reply.getClass().getSimpleName(), e.getMessage());
            throw e;
        }
        if (!transition.changed()) {
            log.info("Saga {} ({}) ignored {}", saga.orderId(), saga.state().status(), reply.getClass().getSimpleName());
            return;
        }
        OffsetDateTime now = now();
        sagas.update(saga, transition.state(), now);
        metrics.ended(saga, transition.state(), now);
        apply(saga.orderId(), transition, now);
    }

    /**
     * The saga waited longer than the deadline for a reply. A running step is failed and compensated;
     * a running compensation is sent again (see {@link SagaDefinition#remindCompensation}).
     */
    @Transactional
    public void overdue(String orderId, Duration waited) {
        Optional<StoredSaga> found = sagas.find(orderId).filter(s -> s.style() == SagaStyle.ORCHESTRATION);
        if (found.isEmpty()) {
            return;
        }
        StoredSaga saga = found.get();
        Transition transition = SAGA.overdue(saga.state(), saga.data(), waited);
        if (!transition.changed()) {
            return;
        }
        log.warn("Saga {} waited {} s for a reply to '{}': {}", orderId, waited.toSeconds(),
                saga.state().step(), transition.history().get(0).detail());
        OffsetDateTime now = now();
        sagas.update(saga, transition.state(), now);
        metrics.ended(saga, transition.state(), now);
        apply(orderId, transition, now);
    }

    private void apply(String orderId, Transition transition, OffsetDateTime now) {
        sagas.append(orderId, transition.history(), now);
        transition.commands().forEach(outbox::publish);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
