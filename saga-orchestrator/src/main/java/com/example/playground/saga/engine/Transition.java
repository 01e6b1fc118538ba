package com.example.playground.saga.engine;

import com.example.playground.contracts.Command;
import java.util.List;

/**
 * What the engine decided: the saga's next state, the commands to send, and the history lines to
 * add. A transition that is not {@link #changed()} means the event did not concern the saga now.
 */
public record Transition(SagaState state, List<Command> commands, List<HistoryLine> history) {

    public record HistoryLine(String step, StepOutcome outcome, String detail) {
    }

    static Transition unchanged(SagaState state) {
        return new Transition(state, List.of(), List.of());
    }

    public boolean changed() {
        return !history.isEmpty();
    }
}
