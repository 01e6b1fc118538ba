package com.example.playground.saga.placeorder;

import com.example.playground.contracts.SagaStyle;
import com.example.playground.support.leader.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every second, looks for orchestrated sagas that have waited longer than
 * {@code playground.saga.step-timeout} for a reply (their participant is down, say). A running
 * step then times out and is compensated, so no order waits forever. A compensation has no give-up:
 * it must happen, so it is sent again after each deadline until it is confirmed.
 *
 * <p>A saga stored at a step {@link PlaceOrderSaga} no longer has is left out: the engine would not
 * know what to do with it. It is reported once, at start, so that it is not forgotten either.
 */
@Component
class SagaDeadlines {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final JdbcClient jdbc;
    private final PlaceOrderOrchestrator orchestrator;
    private final Clock clock;
    private final Duration stepTimeout;
    private final Leadership leadership;

    SagaDeadlines(JdbcClient jdbc, PlaceOrderOrchestrator orchestrator, Clock clock,
            @Value("${playground.saga.step-timeout:60s}") Duration stepTimeout, Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.orchestrator = orchestrator;
        this.clock = clock;
        this.stepTimeout = stepTimeout;
    }

    @Scheduled(fixedDelayString = "${playground.saga.deadline-check-interval-ms:1000}")
    void handleOverdueSagas() {
        if (!leadership.isLeader()) {
            return; // the leader scans; two instances would time the same saga out twice
        }
        // updated_at is when the saga last sent a command: every transition sends one.
        List<String> overdue = jdbc.sql("""
                        select order_id from saga_instance
                        where saga_style = :style and status in ('RUNNING', 'COMPENSATING')
                          and current_step in (:steps) and updated_at < :deadline""")
                .param("style", SagaStyle.ORCHESTRATION.name())
                .param("steps", PlaceOrderSaga.DEFINITION.stepNames())
                .param("deadline", OffsetDateTime.now(clock).minus(stepTimeout))
                .query(String.class)
                .list();
        overdue.forEach(orderId -> orchestrator.overdue(orderId, stepTimeout));
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportSagasAtUnknownSteps() {
        jdbc.sql("""
                        select order_id, current_step from saga_instance
                        where saga_style = :style and status in ('RUNNING', 'COMPENSATING')
                          and current_step not in (:steps)""")
                .param("style", SagaStyle.ORCHESTRATION.name())
                .param("steps", PlaceOrderSaga.DEFINITION.stepNames())
                .query((rs, row) -> rs.getString("order_id") + " at '" + rs.getString("current_step") + "'")
                .list()
                .forEach(saga -> log.error("Saga {}, a step the {} saga does not have (its steps: {}): it is left as"
                        + " it is; rename the stored step to go on", saga, PlaceOrderSaga.DEFINITION.name(),
                        String.join(", ", PlaceOrderSaga.DEFINITION.stepNames())));
    }
}
