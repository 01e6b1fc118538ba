package com.example.playground.support.twophase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.playground.support.testing.LocalPostgres;
import com.example.playground.support.web.ProblemException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A participant's prepared transactions on a real PostgreSQL, and the refusal where there are none (H2). */
class PreparedTransactionsTests {

    @Nested
    @LocalPostgres.Required
    class OnPostgres {

        DataSource database;
        JdbcClient jdbc;
        PreparedTransactions participant;

        @BeforeEach
        void aStockRow() throws SQLException {
            // A run killed half-way leaves its prepared transactions holding locks on the schema it would drop.
            rollBackWhatTheseTestsPrepared();
            database = LocalPostgres.freshSchema("two_phase_tests");
            jdbc = JdbcClient.create(database);
            participant = new PreparedTransactions("tests", database, new DataSourceTransactionManager(database));
            if (!participant.available() && System.getenv("PLAYGROUND_REQUIRE_POSTGRES") == null) {
                Assumptions.abort("This PostgreSQL allows no prepared transactions (max_prepared_transactions = 0)");
            }
            jdbc.sql("create schema if not exists two_phase_tests").update();
            jdbc.sql("create table stock (sku varchar(8) primary key, available int not null)").update();
            jdbc.sql("insert into stock values ('pen', 10)").update();
        }

        @Test
        void aPreparedTransactionHoldsItsWorkAndLocksUntilCommitted() {
            participant.prepare("order-1", () -> jdbc.sql("update stock set available = available - 1 where sku = 'pen'").update());

            assertThat(participant.list()).singleElement().satisfies(prepared -> {
                assertThat(prepared.id()).isEqualTo("order-1");
                assertThat(prepared.locks()).isPositive();
            });
            assertThat(available()).as("not committed yet").isEqualTo(10);
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(
                    () -> jdbc.sql("update stock set available = available - 2 where sku = 'pen'").update());
            await().atMost(Duration.ofSeconds(10)).until(() -> participant.list().get(0).waiting() == 1);
            assertThat(blocked).isNotDone();

            assertThat(participant.commit("order-1")).isTrue();

            assertThat(blocked.join()).isEqualTo(1);
            assertThat(available()).isEqualTo(7);
            assertThat(participant.list()).isEmpty();
            assertThat(participant.commit("order-1")).as("told twice: nothing left to end").isFalse();
        }

        @Test
        void aRolledBackTransactionLeavesNothing() {
            participant.prepare("order-2", () -> jdbc.sql("update stock set available = 0 where sku = 'pen'").update());

            assertThat(participant.rollback("order-2")).isTrue();

            assertThat(available()).isEqualTo(10);
            assertThat(participant.list()).isEmpty();
        }

        @Test
        void aRefusalInsideTheWorkPreparesNothing() {
            assertThatThrownBy(() -> participant.prepare("order-3", () -> {
                jdbc.sql("update stock set available = 0 where sku = 'pen'").update();
                throw new IllegalStateException("no");
            })).hasMessage("no");

            assertThat(participant.list()).isEmpty();
            assertThat(available()).isEqualTo(10);
        }

        @Test
        void aRowHeldByAnotherPreparedTransactionIsAQuickNo() {
            participant.prepare("order-4", () -> jdbc.sql("update stock set available = 9 where sku = 'pen'").update());
            try {
                assertThatThrownBy(() -> participant.prepare("order-5",
                        () -> jdbc.sql("update stock set available = 8 where sku = 'pen'").update()))
                        .isInstanceOfSatisfying(ProblemException.class,
                                e -> assertThat(e.problem().getType().toString()).endsWith(":rows-locked"));
                assertThat(participant.list()).extracting(PreparedTransactions.Prepared::id).containsExactly("order-4");
            } finally {
                participant.rollback("order-4");
            }
        }

        @Test
        void anIdThatIsNoIdentifierIsRefused() {
            assertThatThrownBy(() -> participant.prepare("x'; drop table stock; --", () -> { }))
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.problem().getType().toString()).endsWith(":invalid-transaction-id"));
        }

        @AfterEach
        void nothingLeftPrepared() throws SQLException {
            rollBackWhatTheseTestsPrepared();
        }

        private static void rollBackWhatTheseTestsPrepared() throws SQLException {
            try (Connection connection = DriverManager.getConnection(LocalPostgres.URL, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    Statement statement = connection.createStatement()) {
                List<String> left = new ArrayList<>();
                try (ResultSet prepared = statement.executeQuery(
                        "select gid from pg_prepared_xacts where gid like 'tests:%' and database = current_database()")) {
                    while (prepared.next()) {
                        left.add(prepared.getString(1));
                    }
                }
                for (String gid : left) {
                    statement.execute("rollback prepared '" + gid + "'");
                }
            }
        }

        private int available() {
            return jdbc.sql("select available from stock where sku = 'pen'").query(Integer.class).single();
        }
    }

    @Test
    void onH2ThereIsNoneAndPreparingIsRefusedWithAProblem() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:two_phase;DB_CLOSE_DELAY=-1");
        PreparedTransactions participant = new PreparedTransactions("tests", h2, new DataSourceTransactionManager(h2));

        assertThat(participant.available()).isFalse();
        assertThat(participant.list()).isEmpty();
        assertThatThrownBy(() -> participant.prepare("order-1", () -> { }))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(409);
                    assertThat(e.problem().getType().toString()).endsWith(":two-phase-commit-unavailable");
                    assertThat(e.problem().getDetail()).contains("--db postgres");
                });
    }
}
