package com.example.playground.saga.engine;

import com.example.playground.contracts.Command;
import com.example.playground.contracts.Event;
import com.example.playground.saga.engine.SagaDefinition.Role;
import com.example.playground.saga.engine.SagaDefinition.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds a {@link SagaDefinition} step by step; each call applies to the step named last. It refuses
 * what would make a saga ambiguous: two steps of one name (steps are stored and found by name), or
 * one event named twice (then nobody could tell which step it belongs to).
 */
public final class SagaBuilder<D> {

    private final String name;
    private final List<Step<D>> steps = new ArrayList<>();
    private Class<? extends Event> startsOn;
    private String stepName;
    private Function<D, Command> action;
    private Class<? extends Event> succeedsOn;
    private Map<Class<? extends Event>, Function<Event, String>> failsOn = new LinkedHashMap<>();
    private BiFunction<D, String, Command> compensation;
    private Class<? extends Event> compensatedOn;

    SagaBuilder(String name) {
        this.name = name;
    }

    /** The event that starts the saga; the steps before the first command are done by then. */
    public SagaBuilder<D> startsOn(Class<? extends Event> event) {
        this.startsOn = event;
        return this;
    }

    public SagaBuilder<D> step(String name) {
        finishStep();
        this.stepName = name;
        return this;
    }

    /** The command that performs the step. */
    public SagaBuilder<D> invoke(Function<D, Command> action) {
        this.action = action;
        return this;
    }

    /** The reply that means the step worked. */
    public SagaBuilder<D> succeedsOn(Class<? extends Event> reply) {
        this.succeedsOn = reply;
        return this;
    }

    /** A reply that means the step failed, and how to read the reason from it. */
    public <E extends Event> SagaBuilder<D> failsOn(Class<E> reply, Function<E, String> reason) {
        this.failsOn.put(reply, event -> reason.apply(reply.cast(event)));
        return this;
    }

    /** The command that undoes the step, given the saga's data and the reason it failed, and the reply that confirms it. */
    public SagaBuilder<D> compensateWith(BiFunction<D, String, Command> compensation, Class<? extends Event> confirmedBy) {
        this.compensation = compensation;
        this.compensatedOn = confirmedBy;
        return this;
    }

    public SagaDefinition<D> build() {
        finishStep();
        if (startsOn == null) {
            throw new IllegalStateException("Saga '" + name + "' names no event that starts it");
        }
        Map<Class<? extends Event>, Role> roles = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step<D> step = steps.get(i);
            name(roles, step.succeedsOn(), new Role(i, StepOutcome.SUCCEEDED));
            for (Class<? extends Event> failure : step.failsOn().keySet()) {
                name(roles, failure, new Role(i, StepOutcome.FAILED));
            }
            name(roles, step.compensatedOn(), new Role(i, StepOutcome.COMPENSATED));
        }
        if (roles.containsKey(startsOn)) {
            throw new IllegalStateException(startsOn.getSimpleName() + " starts the saga and is a step's reply too");
        }
        return new SagaDefinition<>(name, startsOn, steps, roles);
    }

    private void name(Map<Class<? extends Event>, Role> roles, Class<? extends Event> event, Role role) {
        if (event != null && roles.putIfAbsent(event, role) != null) {
            throw new IllegalStateException(event.getSimpleName() + " is named twice in saga '" + name
                    + "': each event may end, fail or confirm the undo of one step only");
        }
    }

    private void finishStep() {
        if (stepName == null) {
            return;
        }
        if (action != null && succeedsOn == null) {
            throw new IllegalStateException("Step '" + stepName + "' sends a command but names no reply that ends it");
        }
        if (steps.stream().anyMatch(step -> step.name().equals(stepName))) {
            throw new IllegalStateException("Step '" + stepName + "' appears twice: sagas find their step by name");
        }
        steps.add(new Step<>(stepName, action, succeedsOn, Collections.unmodifiableMap(failsOn), compensation,
                compensatedOn));
        stepName = null;
        action = null;
        succeedsOn = null;
        failsOn = new LinkedHashMap<>();
        compensation = null;
        compensatedOn = null;
    }
}
