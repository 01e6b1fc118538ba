package com.example.playground.support.twophase;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A participant's side of two-phase commit, on PostgreSQL's own prepared transactions
 * ({@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}): the work of a
 * transaction is done and made durable, its row locks kept, and only the outcome is left for the
 * coordinator to tell. A prepared transaction belongs to no connection: it survives this process,
 * the coordinator's and even PostgreSQL's restart, holding its locks until someone ends it.
 *
 * <p>Each transaction is named {@code <service>:<order id>}, so the services sharing one PostgreSQL
 * (the postgres profile: a schema each) never mix theirs up. H2 has no such thing that outlives a
 * connection, and PostgreSQL allows none until {@code max_prepared_transactions} is raised:
 * {@link #available()} says which, and {@link #requireAvailable()} refuses with a problem.
 */
public class PreparedTransactions {

    /** How long a prepare waits for each locked row; the coordinator waits longer for a vote (TwoPhaseCommitConfiguration). */
    public static final String LOCK_WAIT = "1s";

    /** The names are spliced into the statements (PostgreSQL takes no parameter there): identifiers only. */
    private static final Pattern ID = Pattern.compile(Identifier.PATTERN);

    private final String service;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    /** Asked of the database on first use and kept once it answered; asked again after a failure to ask. */
    private volatile Availability availability;

    private record Availability(String unavailableBecause, boolean known) {
    }

    PreparedTransactions(String service, DataSource dataSource, PlatformTransactionManager transactions) {
        this.service = service;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactions);
    }

    /** One prepared transaction of this service: how long it has held its locks, and how many sessions wait for them. */
    record Prepared(String id, OffsetDateTime preparedAt, long locks, long waiting) {
    }

    public boolean available() {
        return unavailableBecause() == null;
    }

    public void requireAvailable() {
        String why = unavailableBecause();
        if (why != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "two-phase-commit-unavailable",
                    "Two-phase commit is not available", why);
        }
    }

    private String unavailableBecause() {
        Availability known = availability;
        if (known == null || !known.known()) {
            known = ask(dataSource, jdbc);
            availability = known;
        }
        return known.unavailableBecause();
    }

    /** Runs the work in a transaction and prepares it instead of committing: durable, locks held, outcome open. */
    public void prepare(String id, Runnable work) {
        requireAvailable();
        String name = name(id);
        try {
            transaction.executeWithoutResult(status -> {
                // A row another transaction holds (a prepared one waiting for its coordinator, say) is not
                // waited for long: a "no" within a second beats the coordinator giving up on this vote
                // while it still comes, which would leave it prepared with nobody to end it.
                jdbc.sql("set local lock_timeout = '" + LOCK_WAIT + "'").update();
                work.run();
                // Ends the transaction on this connection; the commit Spring then asks for finds none and does nothing.
                jdbc.sql("prepare transaction '" + name + "'").update();
            });
        } catch (DataAccessException e) {
            if (!hasState(e, LOCK_NOT_AVAILABLE) && !hasState(e, DEADLOCK_DETECTED)) {
                throw e;
            }
            throw new ProblemException(HttpStatus.CONFLICT, "rows-locked", "Rows held by another transaction",
                    "What " + id + " needs is held by another transaction (a prepared one, waiting for its coordinator?)"
                            + " for longer than " + LOCK_WAIT + ", or two transactions waited for each other");
        }
    }

    /** Commits a prepared transaction; true if there was one (a second commit, or one never prepared, finds none). */
    public boolean commit(String id) {
        return end(id, "commit prepared");
    }

    /** Rolls a prepared transaction back; true if there was one. */
    public boolean rollback(String id) {
        return end(id, "rollback prepared");
    }

    /**
     * False when there was nothing to end: never prepared, ended already, or being ended by someone
     * else this moment (the coordinator and its recovery may both tell it). Acting and then reading the
     * error, rather than looking first, leaves no gap between the look and the act.
     */
    private boolean end(String id, String statement) {
        requireAvailable();
        String name = name(id);
        try {
            // Outside any transaction (PostgreSQL requires it): the client's connections commit on their own.
            jdbc.sql(statement + " '" + name + "'").update();
            return true;
        } catch (DataAccessException e) {
            if (hasState(e, UNDEFINED_OBJECT) || hasState(e, OBJECT_IN_USE)) {
                return false;
            }
            throw e;
        }
    }

    /** The ids (order ids) of this service's prepared transactions, oldest first: what a coordinator's recovery asks for. */
    public List<String> ids() {
        return list().stream().map(Prepared::id).toList();
    }

    /** This service's prepared transactions, oldest first, with the locks each holds and the sessions waiting on it. */
    List<Prepared> list() {
        if (!available()) {
            return List.of();
        }
        return jdbc.sql("""
                        select p.gid, p.prepared,
                          (select count(*) from pg_locks l where l.pid is null and l.virtualtransaction in
                             (select x.virtualtransaction from pg_locks x
                              where x.locktype = 'transactionid' and x.transactionid = p.transaction)) as locks,
                          (select count(*) from pg_locks w
                           where not w.granted and w.locktype = 'transactionid' and w.transactionid = p.transaction) as waiting
                        from pg_prepared_xacts p where p.gid like :prefix and p.database = current_database() order by p.prepared""")
                .param("prefix", service + ":%")
                .query((rs, row) -> new Prepared(rs.getString("gid").substring(service.length() + 1),
                        rs.getObject("prepared", OffsetDateTime.class), rs.getLong("locks"), rs.getLong("waiting")))
                .list();
    }

    /** lock_timeout ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Two transactions waited for each other; PostgreSQL ended this one. */
    private static final String DEADLOCK_DETECTED = "40P01";
    /** No prepared transaction of that name (never prepared, or ended already). */
    private static final String UNDEFINED_OBJECT = "42704";
    /** Another session is ending that prepared transaction right now. */
    private static final String OBJECT_IN_USE = "55006";

    /** PostgreSQL's SQLSTATE, read off the driver's exception: Spring leaves several of these uncategorised. */
    private static boolean hasState(DataAccessException e, String state) {
        return e.getMostSpecificCause() instanceof SQLException sql && state.equals(sql.getSQLState());
    }

    private String name(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-transaction-id", "Invalid transaction id",
                    "A transaction id is an identifier (an order id), not '" + id + "'");
        }
        return service + ":" + id;
    }

    /** Whether this database can prepare transactions, and if not, what the user should do about it. */
    private static Availability ask(DataSource dataSource, JdbcClient jdbc) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
            if (!"PostgreSQL".equals(product)) {
                return new Availability("Two-phase commit runs on PostgreSQL's prepared transactions; this service runs on "
                        + product + ". Start the playground with ./playground up --db postgres", true);
            }
            int allowed = Integer.parseInt(jdbc.sql("show max_prepared_transactions").query(String.class).single());
            if (allowed == 0) {
                return new Availability("This PostgreSQL allows no prepared transactions (max_prepared_transactions = 0)."
                        + " Run ALTER SYSTEM SET max_prepared_transactions = 20 as its superuser and restart it", true);
            }
            return new Availability(null, true);
        } catch (Exception e) {
            // The database did not answer (not up yet, say): asked again next time.
            return new Availability("Could not tell whether the database can prepare transactions: " + e.getMessage(), false);
        }
    }
}
