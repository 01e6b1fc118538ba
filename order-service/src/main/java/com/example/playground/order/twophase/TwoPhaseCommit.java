package com.example.playground.order.twophase;

import com.example.playground.contracts.OrderLine;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.twophase.PreparedTransactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * order-service as the coordinator of two-phase commit, the contrast to the sagas
 * (docs/patterns/two-phase-commit.md). Phase one: each participant does its part of the order in a
 * transaction and prepares it instead of committing ({@link #vote}); phase two: the coordinator
 * decides, commit if every vote was yes, and tells them ({@link #finish}). Its log
 * ({@code two_phase_commit}) says how far each order got, so a coordinator that was killed finishes
 * the job when it is back: undecided means abort (presumed abort), decided means tell again.
 *
 * <p>Between the votes and the decision sits the fault target {@value #DECISION}: hung there, or
 * killed there, the coordinator leaves both participants prepared, their row locks held, and every
 * other order that needs those rows waits: the blocking that sagas avoid.
 */
public class TwoPhaseCommit {

    public static final String DECISION = "two-phase-commit-decision";

    enum State {
        PREPARING, COMMITTING, ABORTING, COMMITTED, ABORTED
    }

    private final JdbcClient jdbc;
    private final Participants participants;
    private final Faults faults;
    private final PreparedTransactions database;
    private final Clock clock;
    /** Orders this process is coordinating right now, which recovery must leave alone. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    TwoPhaseCommit(JdbcClient jdbc, Participants participants, Faults faults, PreparedTransactions database, Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.faults = faults;
        this.database = database;
        this.clock = clock;
        faults.declare(DECISION, "order-service coordinating a two-phase commit, after every participant voted and"
                + " before it decides: hang it, and both participants stay prepared with their locks held");
    }

    /** Refuses (a 409 problem) when the database cannot prepare transactions: H2, or PostgreSQL without max_prepared_transactions. */
    public void requireAvailable() {
        database.requireAvailable();
    }

    /** Whether this database can prepare transactions, so there is anything to coordinate or recover. */
    public boolean available() {
        return database.available();
    }

    /** Phase zero, in the caller's transaction with the order itself: the coordinator's log says this order is being voted on. */
    public void begin(String orderId) {
        jdbc.sql("insert into two_phase_commit (order_id, state, started_at, updated_at) values (:orderId, :state, :now, :now)")
                .param("orderId", orderId)
                .param("state", State.PREPARING.name())
                .param("now", now())
                .update();
    }

    /** Phase one: every participant prepares its part, or says why not. Null when all voted yes. */
    public String vote(String orderId, String customerId, List<OrderLine> items, BigDecimal total) {
        // From here until leave(): recovery leaves this order alone. Before, its log row is too young for recovery anyway.
        inFlight.add(orderId);
        String refusal = participants.prepareStock(orderId, items);
        if (refusal == null) {
            refusal = participants.prepareCharge(orderId, customerId, total);
        }
        if (refusal == null) {
            faults.inject(DECISION);
        }
        return refusal;
    }

    /**
     * The decision, in the caller's transaction with the order's APPROVED or REJECTED: once this
     * commits, the outcome is fixed. False when the order was decided already (by recovery, say): the
     * caller then changes nothing.
     */
    public boolean decide(String orderId, boolean commit) {
        return move(orderId, State.PREPARING, commit ? State.COMMITTING : State.ABORTING);
    }

    /**
     * Phase two: tells every participant the decision (a participant that never prepared finds nothing
     * to end) and marks the order done. False, left for {@link #unfinished} to retry, when one could not be told.
     */
    public boolean finish(String orderId) {
        try {
            State state = stateOf(orderId);
            if (state != State.COMMITTING && state != State.ABORTING) {
                return true;
            }
            boolean commit = state == State.COMMITTING;
            for (String participant : Participants.ALL) {
                participants.tell(participant, orderId, commit);
            }
            move(orderId, state, commit ? State.COMMITTED : State.ABORTED);
            return true;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    /** This process no longer coordinates the order: from now on recovery ends it if it is left undecided or untold. */
    public void leave(String orderId) {
        inFlight.remove(orderId);
    }

    /**
     * A participant's prepared transaction whose order the log has ended (or never knew) is told the
     * outcome again: a prepare that arrived after its rollback (the coordinator gave up on that vote,
     * or recovery aborted the order meanwhile) would otherwise hold its locks with nobody to end it.
     * The number told.
     */
    public int endStrays() {
        int told = 0;
        for (String participant : Participants.ALL) {
            for (String orderId : participants.prepared(participant)) {
                State state = stateOf(orderId);
                if (state == State.COMMITTED || state == State.ABORTED || state == null) {
                    participants.tell(participant, orderId, state == State.COMMITTED);
                    told++;
                }
            }
        }
        return told;
    }

    /** Orders voted on by a coordinator that is gone (this process restarted, say): not in flight here, undecided for a while. */
    public List<String> undecided(Duration olderThan) {
        return ordersIn(State.PREPARING, olderThan);
    }

    /** Orders decided but whose participants were not all told. */
    public List<String> unfinished() {
        // Decided a moment ago: most likely its coordinator is telling the participants right now.
        List<String> orders = new ArrayList<>(ordersIn(State.COMMITTING, TELLING));
        orders.addAll(ordersIn(State.ABORTING, TELLING));
        return orders;
    }

    /** How long a decided order is left to its coordinator before recovery tells the participants too. */
    private static final Duration TELLING = Duration.ofSeconds(5);

    private List<String> ordersIn(State state, Duration olderThan) {
        return jdbc.sql("select order_id from two_phase_commit where state = :state and updated_at <= :before order by started_at")
                .param("state", state.name())
                .param("before", now().minus(olderThan))
                .query(String.class)
                .list().stream().filter(orderId -> !inFlight.contains(orderId)).toList();
    }

    private State stateOf(String orderId) {
        return jdbc.sql("select state from two_phase_commit where order_id = :orderId")
                .param("orderId", orderId)
                .query(String.class)
                .optional().map(State::valueOf).orElse(null);
    }

    private boolean move(String orderId, State from, State to) {
        return jdbc.sql("update two_phase_commit set state = :to, updated_at = :now where order_id = :orderId and state = :from")
                .param("to", to.name())
                .param("now", now())
                .param("orderId", orderId)
                .param("from", from.name())
                .update() == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
