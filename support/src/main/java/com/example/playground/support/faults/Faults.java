package com.example.playground.support.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault switches of this process. Every place that can be broken on purpose calls
 * {@link #inject(String)} with its target name before doing its real work; with no fault set
 * that costs one map lookup. Nothing is remembered across a restart: a service starts healthy.
 * An error rate fails exactly that share of the calls, spread evenly (0.2: every fifth call), not
 * at random, so a demo or a scenario gives the same result every time it runs.
 */
public class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final Map<String, Fault> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Object healed = new Object();

    /** Makes a target known, so it can be listed and broken. */
    public void declare(String target, String description) {
        targets.putIfAbsent(target, description);
    }

    public Map<String, String> targets() {
        return new TreeMap<>(targets);
    }

    public Map<String, Fault> active() {
        return new TreeMap<>(active);
    }

    public void set(Fault fault) {
        if (!targets.containsKey(fault.target())) {
            throw new IllegalArgumentException("No fault target '" + fault.target() + "'; known: "
                    + String.join(", ", targets().keySet()));
        }
        calls.put(fault.target(), new AtomicLong());
        active.put(fault.target(), fault);
        log.warn("Fault ON at {}: latency {}-{} ms, error rate {}, hang {}", fault.target(), fault.minLatencyMs(),
                fault.maxLatencyMs(), fault.errorRate(), fault.hang());
        wakeHungCalls();
    }

    public void healAll() {
        active.clear();
        log.info("Every fault healed");
        wakeHungCalls();
    }

    /** Applies the fault set at the target, if any: waits, hangs, or throws {@link InjectedFaultException}. */
    public void inject(String target) {
        Fault fault = active.get(target);
        if (fault == null) {
            return;
        }
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
        long call = calls.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
        if (fault.fails(call)) {
            throw new InjectedFaultException("Fault injected at " + target);
        }
    }

    private void hangWhileBroken(String target) throws InterruptedException {
        synchronized (healed) {
            while (active.containsKey(target) && active.get(target).hang()) {
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
