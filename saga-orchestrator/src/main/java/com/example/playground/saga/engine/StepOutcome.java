package com.example.playground.saga.engine;

/** What happened to a step; one line of a saga's history. */
public enum StepOutcome {
    /** The step needed no command: it was done before the saga started. */
    DONE,
    /** The step's command was sent. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /** The step's compensating command was sent. */
    COMPENSATING,
    COMPENSATED
}
