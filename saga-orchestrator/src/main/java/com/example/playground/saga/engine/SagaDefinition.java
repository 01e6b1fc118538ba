package com.example.playground.saga.engine;

import com.example.playground.contracts.Command;
import com.example.playground.contracts.Event;
import com.example.playground.saga.engine.Transition.HistoryLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A saga written as its steps, top to bottom: what each step asks a participant to do, which reply
 * means it worked or failed, and how to undo it. The engine runs the steps in order; when one fails
 * it compensates the steps before it in reverse order, each after the previous undo is confirmed.
 * A step that failed (or never ran) is never compensated.
 *
 * <p>The definition is the one place that knows the saga's steps and messages: the orchestrator
 * runs it ({@link #handle}), the read model of choreographed orders reads events through it
 * ({@link #observe}), and the listener hears the topics of the replies it names ({@link #replies()}).
 *
 * <p>This class is pure: it turns (state, event) into a {@link Transition} and touches nothing, so
 * a saga's behaviour can be read and tested as a story without Kafka or a database.
 *
 * @param <D> the saga's data, fixed when it starts
 */
public final class SagaDefinition<D> {

    private final String name;
    private final Class<? extends Event> startsOn;
    private final List<Step<D>> steps;
    /** Which step each reply belongs to, and what it says happened to that step. */
    private final Map<Class<? extends Event>, Role> roles;

    SagaDefinition(String name, Class<? extends Event> startsOn, List<Step<D>> steps,
            Map<Class<? extends Event>, Role> roles) {
        this.name = name;
        this.startsOn = startsOn;
        this.steps = List.copyOf(steps);
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    public static <D> SagaBuilder<D> named(String name) {
        return new SagaBuilder<>(name);
    }

    public String name() {
        return name;
    }

    public List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    /** Every reply a step names (succeeds on, fails on, compensated on), in the order written. */
    public Set<Class<? extends Event>> replies() {
        return roles.keySet();
    }

    /** Starts the saga: steps without a command are done already; the first step with one starts. */
    public Transition start(D data) {
        List<HistoryLine> history = new ArrayList<>();
        int first = doneBeforeStart(history, "done before the saga started");
        return runFrom(first, data, null, history);
    }

    /** Decides what an event means for a saga in the given state. */
    public Transition handle(SagaState state, D data, Event event) {
        if (state.status().isFinished()) {
            return Transition.unchanged(state);
        }
        int at = indexOf(state.step());
        Step<D> current = steps.get(at);
        Class<? extends Event> type = event.getClass();
        List<HistoryLine> history = new ArrayList<>();
        if (state.status() == SagaStatus.RUNNING && type == current.succeedsOn()) {
            history.add(new HistoryLine(current.name(), StepOutcome.SUCCEEDED, type.getSimpleName()));
            return runFrom(at + 1, data, null, history);
        }
        if (state.status() == SagaStatus.RUNNING && current.failsOn().containsKey(type)) {
            String reason = current.failsOn().get(type).apply(event);
            history.add(new HistoryLine(current.name(), StepOutcome.FAILED, reason));
            return compensateFrom(at - 1, data, reason, history);
        }
        if (state.status() == SagaStatus.COMPENSATING && type == current.compensatedOn()) {
            history.add(new HistoryLine(current.name(), StepOutcome.COMPENSATED, type.getSimpleName()));
            return compensateFrom(at - 1, data, state.failureReason(), history);
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
                    .formatted(state.step(), waited.toSeconds()));
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
        int at = indexOf(state.step());
        List<HistoryLine> history = new ArrayList<>();
        history.add(new HistoryLine(state.step(), StepOutcome.FAILED, reason));
        return compensateFrom(at, data, reason, history);
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
        Step<D> current = steps.get(indexOf(state.step()));
        Command command = current.compensation().apply(data, state.failureReason());
        return new Transition(state, List.of(command), List.of(new HistoryLine(current.name(),
                StepOutcome.COMPENSATING, command.getClass().getSimpleName() + " sent again: " + why)));
    }

    /**
     * For a saga nobody runs (choreography): the event that starts it means the steps before the
     * first command are done. Nothing is sent, ever.
     */
    public Transition observeStart() {
        List<HistoryLine> history = new ArrayList<>();
        int first = doneBeforeStart(history, startsOn.getSimpleName());
        return new Transition(new SagaState(SagaStatus.RUNNING, steps.get(Math.max(first - 1, 0)).name(), null),
                List.of(), history);
    }

    /**
     * For a saga nobody runs (choreography): what an event a participant published says happened,
     * read from the same steps the orchestrator runs. Which step it belongs to and with what outcome
     * comes from the step that names it (succeeds on, fails on, compensated on). A failure starts
     * the undo; the last step succeeding completes the saga; the first undo confirmed rolls it back.
     * News heard after the end (a refund after the rejection, say) is written down; the end stays.
     */
    public Transition observe(SagaState state, Event event) {
        Role role = roles.get(event.getClass());
        if (role == null) {
            return Transition.unchanged(state);
        }
        Step<D> step = steps.get(role.step());
        String detail = role.outcome() == StepOutcome.FAILED
                ? step.failsOn().get(event.getClass()).apply(event)
                : event.getClass().getSimpleName();
        List<HistoryLine> history = List.of(new HistoryLine(step.name(), role.outcome(), detail));
        if (state.status().isFinished()) {
            return new Transition(state, List.of(), history);
        }
        SagaStatus status = switch (role.outcome()) {
            case FAILED -> SagaStatus.COMPENSATING;
            case SUCCEEDED -> role.step() == steps.size() - 1 ? SagaStatus.COMPLETED : state.status();
            case COMPENSATED -> undoneBefore(role.step()) ? state.status() : SagaStatus.ROLLED_BACK;
            default -> state.status();
        };
        String reason = role.outcome() == StepOutcome.FAILED ? detail : state.failureReason();
        return new Transition(new SagaState(status, step.name(), reason), List.of(), history);
    }

    private int doneBeforeStart(List<HistoryLine> history, String detail) {
        int first = 0;
        while (first < steps.size() && steps.get(first).action() == null) {
            history.add(new HistoryLine(steps.get(first).name(), StepOutcome.DONE, detail));
            first++;
        }
        return first;
    }

    /** Whether a step before this one still has an undo to confirm. */
    private boolean undoneBefore(int index) {
        return steps.subList(0, index).stream().anyMatch(step -> step.compensation() != null);
    }

    /** Steps are found by name, so that a step added since the saga was stored moves nothing under it. */
    private int indexOf(String step) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(step)) {
                return i;
            }
        }
        throw new UnknownStepException(name, step, stepNames());
    }

    private Transition runFrom(int index, D data, String reason, List<HistoryLine> history) {
        if (index >= steps.size()) {
            return new Transition(new SagaState(SagaStatus.COMPLETED, steps.get(steps.size() - 1).name(), reason),
                    List.of(), history);
        }
        Step<D> step = steps.get(index);
        Command command = step.action().apply(data);
        history.add(new HistoryLine(step.name(), StepOutcome.STARTED, command.getClass().getSimpleName()));
        return new Transition(new SagaState(SagaStatus.RUNNING, step.name(), reason), List.of(command), history);
    }

    private Transition compensateFrom(int index, D data, String reason, List<HistoryLine> history) {
        for (int i = index; i >= 0; i--) {
            Step<D> step = steps.get(i);
            if (step.compensation() != null) {
                Command command = step.compensation().apply(data, reason);
                history.add(new HistoryLine(step.name(), StepOutcome.COMPENSATING, command.getClass().getSimpleName()));
                return new Transition(new SagaState(SagaStatus.COMPENSATING, step.name(), reason), List.of(command),
                        history);
            }
        }
        return new Transition(new SagaState(SagaStatus.ROLLED_BACK, steps.get(0).name(), reason), List.of(), history);
    }

    record Step<D>(String name,
                   Function<D, Command> action,
                   Class<? extends Event> succeedsOn,
                   Map<Class<? extends Event>, Function<Event, String>> failsOn,
                   BiFunction<D, String, Command> compensation,
                   Class<? extends Event> compensatedOn) {
    }

    /** What a reply means: the step (by position) it belongs to, and SUCCEEDED, FAILED or COMPENSATED. */
    record Role(int step, StepOutcome outcome) {
    }
}
