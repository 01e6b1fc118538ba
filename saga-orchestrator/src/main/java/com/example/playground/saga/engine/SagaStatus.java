package com.example.playground.saga.engine;

/** Where a saga is: moving forward, undoing, or finished one way or the other. */
public enum SagaStatus {
    RUNNING,
    COMPENSATING,
    COMPLETED,
    ROLLED_BACK;

    public boolean isFinished() {
        return this == COMPLETED || this == ROLLED_BACK;
    }
}
