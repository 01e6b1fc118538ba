package com.example.playground.saga.placeorder;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every second, looks for orchestrated sagas that have waited longer than
 * {@code playground.saga.step-timeout} for a reply (their participant is down, say). A running
 * step then times out and is compensated, so no order waits forever. A compensation has no give-up:
 * it must happen, so it is sent again after each deadline until it is confirmed.
 */
@Component
class SagaDeadlines {

    private final JdbcClient jdbc;
    private final PlaceOrderOrchestrator orchestrator;
    private final Clock clock;
    private final Duration stepTimeout;

    SagaDeadlines(JdbcClient jdbc, PlaceOrderOrchestrator orchestrator, Clock clock,
            @Value("${playground.saga.step-timeout:60s}") Duration stepTimeout) {
        this.jdbc = jdbc;
        this.orchestrator = orchestrator;
        this.clock = clock;
        this.stepTimeout = stepTimeout;
    }

    @Scheduled(fixedDelayString = "${playground.saga.deadline-check-interval-ms:1000}")
    void handleOverdueSagas() {
        // updated_at is when the saga last sent a command: every transition sends one.
        List<String> overdue = jdbc.sql("""
                        select order_id from saga_instance
                        where style = 'ORCHESTRATION' and status in ('RUNNING', 'COMPENSATING')
                          and updated_at < :deadline""")
                .param("deadline", OffsetDateTime.now(clock).minus(stepTimeout))
                .query(String.class)
                .list();
        overdue.forEach(orderId -> orchestrator.overdue(orderId, stepTimeout));
    }
}
