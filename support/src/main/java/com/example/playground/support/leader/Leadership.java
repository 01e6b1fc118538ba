package com.example.playground.support.leader;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;

/**
 * Whether this instance is its service's leader: the one instance, of however many share the
 * service's database, that runs the work only one may do at a time (the outbox relay, the deadline
 * scanners). Spring Integration's {@code LockRegistryLeaderInitiator} elects it by holding a lock in
 * the {@code INT_LOCK} table and tells it here when it gains or loses the lock.
 */
public class Leadership implements Candidate {

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final String role;
    private final String instance;
    private final String id = UUID.randomUUID().toString();
    private final AtomicInteger grants = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private volatile Instant since;
    private volatile Context context;
    private final List<Runnable> onGranted = new CopyOnWriteArrayList<>();

    public Leadership(String role, String instance) {
        this.role = role;
        this.instance = instance;
    }

    /** True while this instance holds the lock: the one to run the work only one instance may do. */
    public boolean isLeader() {
        return since != null;
    }

    /** Runs each time this instance becomes the leader, on the election's thread: keep it short. */
    public void whenGranted(Runnable action) {
        onGranted.add(action);
    }

    /** When this instance became the leader, or null while it is not. */
    public Instant since() {
        return since;
    }

    public String instance() {
        return instance;
    }

    int grants() {
        return grants.get();
    }

    int revocations() {
        return revocations.get();
    }

    /** Gives the lock up, so another instance can take it; this one competes again at once. */
    boolean stepDown() {
        Context held = context;
        if (held == null || !isLeader()) {
            return false;
        }
        held.yield();
        return true;
    }

    @Override
    public String getRole() {
        return role;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void onGranted(Context granted) {
        context = granted;
        since = Instant.now();
        grants.incrementAndGet();
        log.info("{} is now the leader of {}: it runs the outbox relay and the deadline scanners", instance, role);
        onGranted.forEach(Runnable::run);
    }

    @Override
    public void onRevoked(Context revoked) {
        since = null;
        revocations.incrementAndGet();
        log.info("{} is no longer the leader of {}", instance, role);
    }
}
