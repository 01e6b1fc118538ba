package com.example.playground.saga.placeorder;

import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.StepOutcome;
import java.time.OffsetDateTime;
import java.util.List;

/** A saga as {@code GET /api/sagas/{orderId}} shows it: its state and its ordered step history. */
record SagaView(String orderId, String saga, String style, SagaStatus state, String currentStep,
                       String failureReason, OffsetDateTime startedAt, OffsetDateTime updatedAt,
                       List<HistoryEntry> steps) {

    record HistoryEntry(String step, StepOutcome outcome, String detail, OffsetDateTime at) {
    }
}
