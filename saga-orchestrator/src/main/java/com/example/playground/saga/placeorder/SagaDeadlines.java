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
 * Every second, looks for orchestrated sagas whose running step has waited longer than
 * {@code playground.saga.step-timeout} for its reply (its participant is down, say) and has the
 * orchestrator time them out, so no order waits forever. Compensations have no deadline: they
 * must happen, and their commands wait in Kafka until their participant is back.
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
    void expireOverdueSteps() {
        // While a saga runs, updated_at is when its current step started: every transition starts one.
        List<String> overdue = jdbc.sql("""
                        select order_id from saga_instance
                        where style = 'ORCHESTRATION' and status = 'RUNNING' and updated_at < :deadline""")
                .param("deadline", OffsetDateTime.now(clock).minus(stepTimeout))
                .query(String.class)
                .list();
        overdue.forEach(orderId -> orchestrator.timeout(orderId, stepTimeout));
    }
}
