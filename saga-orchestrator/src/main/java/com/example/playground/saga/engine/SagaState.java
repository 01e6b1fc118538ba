package com.example.playground.saga.engine;

/**
 * The part of a saga the engine needs to decide what comes next: its status, the step it waits on
 * (running it, or compensating it), and why it failed, once it has.
 */
public record SagaState(SagaStatus status, int step, String failureReason) {
}
