package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fresh data on PostgreSQL, on the real one a developer or CI has on 127.0.0.1:5432 (trust auth, user
 * postgres, max_prepared_transactions above 0, as the services' PostgreSQL tests need it), in a database
 * made for the test, so a playground running on the default database keeps its schemas.
 */
class PostgresDataTests {

    static final String SERVER = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_PASSWORD", "");
    static final String DATABASE = "playground_supervisor_tests";
    static final String URL = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + DATABASE;

    @BeforeEach
    void aDatabaseOfItsOwn() throws SQLException {
        dropTheDatabase();
        try (Connection server = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = server.createStatement()) {
            statement.execute("create database " + DATABASE);
        }
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = server.createStatement()) {
            List<String> left = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "select gid from pg_prepared_xacts where database = '" + DATABASE + "'")) {
                while (rows.next()) {
                    left.add(rows.getString(1));
                }
            }
            if (!left.isEmpty()) {
                try (Connection database = DriverManager.getConnection(URL, USER, PASSWORD);
                        Statement inIt = database.createStatement()) {
                    for (String gid : left) {
                        inIt.execute("rollback prepared '" + gid + "'");
                    }
                }
            }
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    @Test
    void theNamedServicesSchemasGoWithTheirPreparedTransactionsAndEverythingElseStays() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String schema : List.of("orders", "inventory", "payments", "elsewhere")) {
                statement.execute("create schema " + schema);
                statement.execute("create table " + schema + ".t (id int)");
            }
            connection.setAutoCommit(false);
            statement.execute("insert into inventory.t values (1)");
            statement.execute("prepare transaction 'inventory-service:o-1'");
            statement.execute("insert into elsewhere.t values (1)");
            statement.execute("prepare transaction 'someone-else:o-2'");
            connection.setAutoCommit(true);
        }

        PostgresData.drop(URL, List.of("order-service", "inventory-service", "gateway"));

        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "select schema_name from information_schema.schemata"
                    + " where schema_name in ('orders', 'inventory', 'payments', 'elsewhere')"))
                    .containsExactlyInAnyOrder("payments", "elsewhere");
            assertThat(strings(statement, "select gid from pg_prepared_xacts where database = current_database()"))
                    .containsExactly("someone-else:o-2");
        }
    }

    @Test
    void eachServicesSchemaIsTheOneItsApplicationYmlNames() throws IOException {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Pattern schema = Pattern.compile("(?m)^\\s+schema:\\s*(\\S+)\\s*$");
        List<String> services = Stack.withPortOffset(0).components().stream()
                .filter(c -> c.kind() == Component.Kind.SERVICE).map(Component::module).distinct().toList();

        assertThat(PostgresData.SCHEMAS.keySet()).containsExactlyInAnyOrderElementsOf(services);
        for (String service : services) {
            Matcher named = schema.matcher(Files.readString(repository.resolve(service + "/src/main/resources/application.yml")));
            assertThat(named.find()).as(service).isTrue();
            assertThat(PostgresData.SCHEMAS.get(service)).as(service).isEqualTo(named.group(1));
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
