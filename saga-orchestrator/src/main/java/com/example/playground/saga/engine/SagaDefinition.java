package com.example.playground.saga.engine;

import com.example.playground.contracts.Command;
import com.example.playground.contracts.Event;
import com.example.playground.saga.engine.Transition.HistoryLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A saga written as its steps, top to bottom: what each step asks a participant to do, which reply
 * means it worked or failed, and how to undo it. The engine runs the steps in order; when one fails
 * it compensates the steps before it in reverse order, each after the previous undo is confirmed.
 * A step that failed (or never ran) is never compensated.
 *
 * <p>This class is pure: it turns (state, event) into a {@link Transition} and touches nothing, so
 * a saga's behaviour can be read and tested as a story without Kafka or a database.
 *
 * @param <D> the saga's data, fixed when it starts
 */
public final class SagaDefinition<D> {

    private final String name;
    private final List<Step<D>> steps;

    private SagaDefinition(String name, List<Step<D>> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    public static <D> Builder<D> named(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    public String stepName(int index) {
        return steps.get(index).name();
    }

    /** Starts the saga: steps without a command are done already; the first step with one starts. */
    public Transition start(D data) {
        List<HistoryLine> history = new ArrayList<>();
        int first = 0;
        while (first < steps.size() && steps.get(first).action() == null) {
            history.add(new HistoryLine(steps.get(first).name(), StepOutcome.DONE, "done before the saga started"));
            first++;
        }
        return runFrom(first, data, null, history);
    }

    /** Decides what an event means for a saga in the given state. */
    public Transition handle(SagaState state, D data, Event event) {
        if (state.status().isFinished()) {
            return Transition.unchanged(state);
        }
        Step<D> current = steps.get(state.step());
        Class<? extends Event> type = event.getClass();
        List<HistoryLine> history = new ArrayList<>();
        if (state.status() == SagaStatus.RUNNING && type == current.succeedsOn()) {
            history.add(new HistoryLine(current.name(), StepOutcome.SUCCEEDED, type.getSimpleName()));
            return runFrom(state.step() + 1, data, null, history);
        }
        if (state.status() == SagaStatus.RUNNING && current.failsOn().containsKey(type)) {
            String reason = current.failsOn().get(type).apply(event);
            history.add(new HistoryLine(current.name(), StepOutcome.FAILED, reason));
            return compensateFrom(state.step() - 1, data, reason, history);
        }
        if (state.status() == SagaStatus.COMPENSATING && type == current.compensatedOn()) {
            history.add(new HistoryLine(current.name(), StepOutcome.COMPENSATED, type.getSimpleName()));
            return compensateFrom(state.step() - 1, data, state.failureReason(), history);
        }
        // A late, repeated or unrelated reply: nothing to do.
        return Transition.unchanged(state);
    }

    /**
     * The saga waited longer than its deadline for a reply: a running step times out, a running
     * compensation is asked for again.
     */
    public Transition overdue(SagaState state, D data, Duration waited) {
        return switch (state.status()) {
            case RUNNING -> timeout(state, data, "Timed out: no reply to '%s' within %d s"
                    .formatted(stepName(state.step()), waited.toSeconds()));
            case COMPENSATING -> remindCompensation(state, data,
                    "no confirmation within %d s".formatted(waited.toSeconds()));
            default -> Transition.unchanged(state);
        };
    }

    /**
     * The running step got no reply in time. Its command may still be handled later (it waits in
     * Kafka for its participant), so the step is compensated too, not only the ones before it: the
     * undo command queues behind the do command for the same order, and a reply that comes late is
     * then one the saga no longer waits for.
     */
    public Transition timeout(SagaState state, D data, String reason) {
        if (state.status() != SagaStatus.RUNNING) {
            return Transition.unchanged(state);
        }
        Step<D> current = steps.get(state.step());
        List<HistoryLine> history = new ArrayList<>();
        history.add(new HistoryLine(current.name(), StepOutcome.FAILED, reason));
        return compensateFrom(state.step(), data, reason, history);
    }

    /**
     * The running compensation got no confirmation in time. Its command may have been parked on a
     * dead-letter topic after its participant kept failing, and a compensation that never happens
     * would leave the saga (and its order) unfinished forever. So it is sent again, one deadline
     * after another, until it is confirmed. That is safe because every participant undoes by state,
     * not by message: a second refund of a refunded payment gives nothing back twice.
     */
    public Transition remindCompensation(SagaState state, D data, String why) {
        if (state.status() != SagaStatus.COMPENSATING) {
            return Transition.unchanged(state);
        }
        Step<D> current = steps.get(state.step());
        Command command = current.compensation().apply(data, state.failureReason());
        return new Transition(state, List.of(command), List.of(new HistoryLine(current.name(),
                StepOutcome.COMPENSATING, command.getClass().getSimpleName() + " sent again: " + why)));
    }

    private Transition runFrom(int index, D data, String reason, List<HistoryLine> history) {
        if (index >= steps.size()) {
            return new Transition(new SagaState(SagaStatus.COMPLETED, steps.size() - 1, reason), List.of(), history);
        }
        Step<D> step = steps.get(index);
        Command command = step.action().apply(data);
        history.add(new HistoryLine(step.name(), StepOutcome.STARTED, command.getClass().getSimpleName()));
        return new Transition(new SagaState(SagaStatus.RUNNING, index, reason), List.of(command), history);
    }

    private Transition compensateFrom(int index, D data, String reason, List<HistoryLine> history) {
        for (int i = index; i >= 0; i--) {
            Step<D> step = steps.get(i);
            if (step.compensation() != null) {
                Command command = step.compensation().apply(data, reason);
                history.add(new HistoryLine(step.name(), StepOutcome.COMPENSATING, command.getClass().getSimpleName()));
                return new Transition(new SagaState(SagaStatus.COMPENSATING, i, reason), List.of(command), history);
            }
        }
        return new Transition(new SagaState(SagaStatus.ROLLED_BACK, 0, reason), List.of(), history);
    }

    record Step<D>(String name,
                   Function<D, Command> action,
                   Class<? extends Event> succeedsOn,
                   Map<Class<? extends Event>, Function<Event, String>> failsOn,
                   BiFunction<D, String, Command> compensation,
                   Class<? extends Event> compensatedOn) {
    }

    /** Builds a definition step by step; each call applies to the step named last. */
    public static final class Builder<D> {

        private final String name;
        private final List<Step<D>> steps = new ArrayList<>();
        private String stepName;
        private Function<D, Command> action;
        private Class<? extends Event> succeedsOn;
        private Map<Class<? extends Event>, Function<Event, String>> failsOn = new LinkedHashMap<>();
        private BiFunction<D, String, Command> compensation;
        private Class<? extends Event> compensatedOn;

        private Builder(String name) {
            this.name = name;
        }

        public Builder<D> step(String name) {
            finishStep();
            this.stepName = name;
            return this;
        }

        /** The command that performs the step. */
        public Builder<D> invoke(Function<D, Command> action) {
            this.action = action;
            return this;
        }

        /** The reply that means the step worked. */
        public Builder<D> succeedsOn(Class<? extends Event> reply) {
            this.succeedsOn = reply;
            return this;
        }

        /** A reply that means the step failed, and how to read the reason from it. */
        public <E extends Event> Builder<D> failsOn(Class<E> reply, Function<E, String> reason) {
            this.failsOn.put(reply, event -> reason.apply(reply.cast(event)));
            return this;
        }

        /** The command that undoes the step, given the saga's data and the reason it failed, and the reply that confirms it. */
        public Builder<D> compensateWith(BiFunction<D, String, Command> compensation, Class<? extends Event> confirmedBy) {
            this.compensation = compensation;
            this.compensatedOn = confirmedBy;
            return this;
        }

        public SagaDefinition<D> build() {
            finishStep();
            return new SagaDefinition<>(name, steps);
        }

        private void finishStep() {
            if (stepName == null) {
                return;
            }
            if (action != null && succeedsOn == null) {
                throw new IllegalStateException("Step '" + stepName + "' sends a command but names no reply that ends it");
            }
            steps.add(new Step<>(stepName, action, succeedsOn, Map.copyOf(failsOn), compensation, compensatedOn));
            stepName = null;
            action = null;
            succeedsOn = null;
            failsOn = new LinkedHashMap<>();
            compensation = null;
            compensatedOn = null;
        }
    }
}
