package com.example.playground.saga.engine;

import java.util.List;

/**
 * A stored saga waits at a step its definition no longer has: the step was renamed or removed
 * while the saga was in flight. Guessing another step could send the wrong command or skip an
 * undo, so the engine refuses, and the saga stays as it is until someone renames the stored step
 * (or puts the step back).
 */
public class UnknownStepException extends IllegalStateException {

    UnknownStepException(String saga, String step, List<String> steps) {
        super("The %s saga has no step '%s' (its steps: %s); the saga is left as it is"
                .formatted(saga, step, String.join(", ", steps)));
    }
}
