package com.example.playground.support.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that is broken on purpose in this process, in one place: faults set at targets
 * (latency, errors, hangs) and {@link Switch switches} (on or off). Every place that can be broken
 * calls {@link #inject(String)} with its target name before doing its real work; with no fault set
 * that costs one map lookup. {@link #healAll()} clears both. Nothing is remembered across a
 * restart: a service starts healthy.
 *
 * <p>An error rate fails exactly that share of the calls, spread evenly (0.2: every fifth call), not
 * at random, so a demo or a scenario gives the same result every time it runs.
 */
public class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final Map<String, Armed> active = new ConcurrentHashMap<>();
    private final Map<Switch, Boolean> switches = new ConcurrentHashMap<>();
    private final Set<Switch> offered = ConcurrentHashMap.newKeySet();
    private final Map<Switch, List<Consumer<Boolean>>> watchers = new ConcurrentHashMap<>();
    private final Object healed = new Object();

    public Faults() {
        for (Switch s : Switch.values()) {
            if (s.everywhere()) {
                offered.add(s);
            }
        }
    }

    /**
     * Makes a switch that only one part of a service acts on known here, and tells that part each
     * time it is turned on or off (healing turns it off).
     */
    public void offer(Switch s, Consumer<Boolean> onChange) {
        offered.add(s);
        watchers.computeIfAbsent(s, key -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    /** Makes a switch known here that one part of a service reads with {@link #isOn} when it acts. */
    public void offer(Switch s) {
        offered.add(s);
    }

    /** The switch with this id, if this service offers it. */
    public Optional<Switch> switchNamed(String id) {
        return Switch.byId(id).filter(offered::contains);
    }

    /** A fault that is set, and how many calls it has seen since (for its evenly spread errors). */
    private record Armed(Fault fault, AtomicLong calls) {
    }

    /** Makes a target known, so it can be listed and broken. */
    public void declare(String target, String description) {
        targets.putIfAbsent(target, description);
    }

    /** The targets and where each bites. */
    public Map<String, String> targets() {
        return new TreeMap<>(targets);
    }

    public Map<String, Fault> active() {
        Map<String, Fault> faults = new TreeMap<>();
        active.forEach((target, armed) -> faults.put(target, armed.fault()));
        return faults;
    }

    public void set(Fault fault) {
        if (!targets.containsKey(fault.target())) {
            throw new IllegalArgumentException("No fault target '" + fault.target() + "'; known: "
                    + String.join(", ", targets().keySet()) + "; switches: " + String.join(", ", switchIds()));
        }
        active.put(fault.target(), new Armed(fault, new AtomicLong()));
        log.warn("Fault ON at {}: {}", fault.target(), fault.description());
        wakeHungCalls();
    }

    public boolean isOn(Switch s) {
        return switches.getOrDefault(s, false);
    }

    public void set(Switch s, boolean on) {
        if (!offered.contains(s)) {
            throw new IllegalArgumentException("This service has no switch '" + s.id() + "'; known: "
                    + String.join(", ", switchIds()));
        }
        boolean was = isOn(s);
        switches.put(s, on);
        if (on) {
            log.warn("Switch {} ({}) is ON: {}", s.id(), s.kind().label(), s.effect());
        } else {
            log.info("Switch {} is off", s.id());
        }
        if (was != on) {
            watchers.getOrDefault(s, List.of()).forEach(watcher -> watcher.accept(on));
        }
    }

    /** Every switch this service offers and whether it is on. */
    public Map<Switch, Boolean> switches() {
        Map<Switch, Boolean> all = new EnumMap<>(Switch.class);
        for (Switch s : offered) {
            all.put(s, isOn(s));
        }
        return all;
    }

    /** Every fault off and every switch off: the service behaves as it did when it started. */
    public void healAll() {
        active.clear();
        Set<Switch> wereOn = Set.copyOf(switches.entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList());
        switches.clear();
        log.info("Every fault healed and every switch off");
        wakeHungCalls();
        wereOn.forEach(s -> watchers.getOrDefault(s, List.of()).forEach(watcher -> watcher.accept(false)));
    }

    /** Heals one target, or turns one switch off. */
    public void heal(String name) {
        switchNamed(name).ifPresentOrElse(s -> set(s, false), () -> {
            if (active.remove(name) != null) {
                log.info("Fault at {} healed", name);
                wakeHungCalls();
            }
        });
    }

    /** Applies the fault set at the target, if any: waits, hangs, or throws {@link InjectedFaultException}. */
    public void inject(String target) {
        Armed armed = active.get(target);
        if (armed == null) {
            return;
        }
        Fault fault = armed.fault();
        try {
            long latency = fault.pickLatencyMs();
            if (latency > 0) {
                Thread.sleep(latency);
            }
            hangWhileBroken(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InjectedFaultException("Interrupted while a fault held the call at " + target);
        }
        if (fault.fails(armed.calls().incrementAndGet())) {
            throw new InjectedFaultException("Fault injected at " + target);
        }
    }

    private List<String> switchIds() {
        return offered.stream().map(Switch::id).sorted().toList();
    }

    private void hangWhileBroken(String target) throws InterruptedException {
        synchronized (healed) {
            Armed armed;
            while ((armed = active.get(target)) != null && armed.fault().hang()) {
                healed.wait();
            }
        }
    }

    private void wakeHungCalls() {
        synchronized (healed) {
            healed.notifyAll();
        }
    }
}
