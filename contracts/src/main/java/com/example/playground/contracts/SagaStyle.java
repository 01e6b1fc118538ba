package com.example.playground.contracts;

/** How an order's saga is coordinated: by a central orchestrator, or by participants reacting to events. */
public enum SagaStyle {
    ORCHESTRATION,
    CHOREOGRAPHY
}
