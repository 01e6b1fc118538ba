package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.lab.Labs;
import com.example.playground.scenario.Scenarios;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stack as {@code ./playground up --db postgres} starts it, on the local PostgreSQL (127.0.0.1:5432,
 * trust auth, as the services' PostgreSQL tests use it), in a database of its own made fresh for the
 * run; every scenario that needs PostgreSQL runs on it, then every lab that needs it, both ways. Like
 * FailoverFromOneInstanceIT it runs before the shared H2 stack starts, on the same ports, and stops its
 * stack when done.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnPostgresIT {

    static final String SERVER = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DATABASE = "playground_system_tests";

    static Supervisor supervisor;

    @BeforeAll
    static void startAStackOnPostgres() throws SQLException {
        assertThat(RunningStack.started()).as("must run before the shared stack starts, on the same ports").isFalse();
        freshDatabase();
        supervisor = RunningStack.supervisorOf(Stack.withPortOffset(RunningStack.PORT_OFFSET))
                .withPostgres(SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + DATABASE);
        supervisor.up(Duration.ofMinutes(6));
    }

    @AfterAll
    static void stopIt() {
        if (supervisor != null) {
            supervisor.down();
        }
    }

    /** Each lab that needs PostgreSQL and what its check says is still wrong right after its start. */
    static final Map<String, String> STILL_WRONG = LabRunner.inOrder(
            "in-doubt-order", "is still in doubt: order-service, its coordinator, is not running",
            "reader-nobody-knew", "details still miss their reservation");

    static List<String> scenarios() {
        return Scenarios.names(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Order(1)
    void passesOnPostgres(String scenario) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        boolean passed = Scenarios.run(scenario, supervisor, new PrintStream(report, true, StandardCharsets.UTF_8));

        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(passed).as(printed).isTrue();
        for (String service : supervisor.runningServices()) {
            assertThat(supervisor.management().broken(service)).as(service).isEmpty();
        }
    }

    static Stream<Arguments> labs() {
        return STILL_WRONG.entrySet().stream().map(lab -> Arguments.of(lab.getKey(), lab.getValue()));
    }

    @Test
    @Order(2)
    void everyLabThatNeedsPostgresIsTriedHere() {
        assertThat(List.copyOf(STILL_WRONG.keySet())).isEqualTo(Labs.names(true));
    }

    /** After the scenarios: a lab's start gives the services fresh data (their schemas dropped) and its settings. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    @Order(3)
    void labFailsRightAfterItsStartAndPassesWithItsSolution(String lab, String stillWrong) {
        new LabRunner(supervisor).bothWays(lab, stillWrong);
    }

    /**
     * The run's database dropped and made again. A prepared transaction a killed run left behind
     * belongs to no session and would keep the database from being dropped: rolled back first.
     */
    private static void freshDatabase() throws SQLException {
        String user = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_PASSWORD", "");
        List<String> leftOver = new ArrayList<>();
        try (Connection server = DriverManager.getConnection(SERVER, user, password);
                Statement statement = server.createStatement();
                ResultSet prepared = statement.executeQuery(
                        "select gid from pg_prepared_xacts where database = '" + DATABASE + "'")) {
            while (prepared.next()) {
                leftOver.add(prepared.getString(1));
            }
        }
        if (!leftOver.isEmpty()) {
            String url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + DATABASE;
            try (Connection database = DriverManager.getConnection(url, user, password);
                    Statement statement = database.createStatement()) {
                for (String gid : leftOver) {
                    statement.execute("rollback prepared '" + gid.replace("'", "''") + "'");
                }
            }
        }
        try (Connection server = DriverManager.getConnection(SERVER, user, password);
                Statement statement = server.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
    }
}
