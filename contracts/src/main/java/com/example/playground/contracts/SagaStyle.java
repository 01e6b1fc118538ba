package com.example.playground.contracts;

import java.util.Locale;

/**
 * How an order's saga is coordinated: by a central orchestrator, or by participants reacting to events.
 *
 * <p>One spelling everywhere we store or send it: the constant's name ({@code ORCHESTRATION}), in
 * every table's {@code saga_style} column and in messages. Only the public HTTP API spells it in
 * lower case ({@code "saga": "orchestration"}), as it always has: {@link #apiName()}.
 */
public enum SagaStyle {
    ORCHESTRATION,
    CHOREOGRAPHY,
    /**
     * Not a saga: the contrast to one. order-service places the order in one distributed transaction
     * (PostgreSQL's prepared transactions in inventory-service and payment-service, order-service as
     * the coordinator) and answers with its outcome. Its OrderPlaced, OrderApproved and OrderRejected
     * carry this style like any order's: the sagas leave such an order alone, the order history shows it.
     */
    TWO_PHASE_COMMIT;

    /** How the HTTP API (requests, order and saga views) and the metrics' {@code style} tag spell it: "two-phase-commit". */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
