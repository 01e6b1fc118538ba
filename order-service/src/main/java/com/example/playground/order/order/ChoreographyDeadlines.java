package com.example.playground.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import com.example.playground.support.leader.Leadership;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Choreography has no coordinator to notice a participant that never answers, so order-service
 * gives each choreographed order a deadline ({@code playground.orders.choreography-timeout}). Past
 * it, the order is rejected; its {@code OrderRejected} is what inventory (release) and payment
 * (refund) compensate on, whatever they did or will still do for it.
 */
@Component
class ChoreographyDeadlines {

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Clock clock;
    private final Duration timeout;
    private final Leadership leadership;

    ChoreographyDeadlines(JdbcClient jdbc, Orders orders, Clock clock,
            @Value("${playground.orders.choreography-timeout:60s}") Duration timeout, Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.orders = orders;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Scheduled(fixedDelayString = "${playground.orders.deadline-check-interval-ms:1000}")
    void rejectOverdueOrders() {
        if (!leadership.isLeader()) {
            return; // the leader scans; two instances would reject the same order twice
        }
        List<String> overdue = jdbc.sql("""
                        select order_id from orders
                        where saga_style = 'CHOREOGRAPHY' and status = 'PENDING' and created_at < :deadline""")
                .param("deadline", OffsetDateTime.now(clock).minus(timeout))
                .query(String.class)
                .list();
        overdue.forEach(orderId -> orders.reject(orderId,
                "Timed out: no outcome within %d s".formatted(timeout.toSeconds())));
    }
}
