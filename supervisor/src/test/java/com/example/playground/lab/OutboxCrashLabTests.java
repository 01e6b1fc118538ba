package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which order lived through a crash between commit and publish, told by three times. */
class OutboxCrashLabTests {

    /** order-service's current process started then (13:53:15 in a real run). */
    static final Instant RESTARTED = Instant.parse("2026-12-01T13:53:15.170Z");

    static PlacedOrder order(String createdAt, String sagaStartedAt) {
        return new PlacedOrder("4be60376", Map.of("createdAt", createdAt, "status", "APPROVED"),
                Map.of("startedAt", sagaStartedAt));
    }

    @Test
    void createdBeforeTheProcessStartedAndPublishedAfterLivedThroughTheCrash() {
        assertThat(OutboxCrashLab.survived(order("2026-12-01T13:53:07.721906Z", "2026-12-01T13:53:35.430114Z"),
                RESTARTED)).isTrue();
    }

    @Test
    void publishedBeforeTheRestartDidNotWaitInTheOutbox() {
        assertThat(OutboxCrashLab.survived(order("2026-12-01T13:53:07.721906Z", "2026-12-01T13:53:08.100000Z"),
                RESTARTED)).isFalse();
    }

    @Test
    void placedAfterTheRestartHasNotBeenThroughIt() {
        assertThat(OutboxCrashLab.survived(order("2026-12-01T13:53:40.000000Z", "2026-12-01T13:53:40.300000Z"),
                RESTARTED)).isFalse();
    }

    @Test
    void anOrderWithoutItsTimesProvesNothing() {
        assertThat(OutboxCrashLab.survived(new PlacedOrder("x", Map.of(), Map.of()), RESTARTED)).isFalse();
    }
}
