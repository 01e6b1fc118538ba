package com.example.playground.saga.engine;

/**
 * The part of a saga the engine needs to decide what comes next: its status, the step it waits on
 * (running it, or compensating it), and why it failed, once it has.
 *
 * <p>The step is named, not numbered: a step added to the definition later moves the others'
 * positions, never their names, so a saga stored before the change still finds its step.
 */
public record SagaState(SagaStatus status, String step, String failureReason) {
}
