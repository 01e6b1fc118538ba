package com.example.playground.support.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL a developer or CI has on 127.0.0.1:5432 (trust auth, user postgres), for
 * running a service's integration tests a second time on it, through the postgres profile.
 * Each test class gets an empty schema of its own, dropped and made again at every run.
 *
 * <p>Without a reachable server the tests are skipped and say why, except where
 * {@code PLAYGROUND_REQUIRE_POSTGRES} is set (CI sets it): there they run, and fail.
 */
public final class LocalPostgres {

    public static final String URL = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("PLAYGROUND_TEST_POSTGRES_PASSWORD", "");

    private LocalPostgres() {
    }

    /** Points the test's context at a fresh {@code schema} on the local PostgreSQL. */
    public static void use(DynamicPropertyRegistry registry, String schema) {
        dropSchema(schema);
        registry.add("spring.datasource.url", () -> URL);
        // The owner, who runs the migrations; the service itself runs as its own role (playground.db.role).
        registry.add("playground.db.username", () -> USER);
        registry.add("playground.db.password", () -> PASSWORD);
        registry.add("playground.db.schema", () -> schema);
    }

    /** A data source on a fresh {@code schema} of the local PostgreSQL, for tests without a Spring context. */
    public static DataSource freshSchema(String schema) {
        dropSchema(schema);
        var postgres = new DriverManagerDataSource(URL, USER, PASSWORD);
        postgres.setSchema(schema);
        return postgres;
    }

    private static void dropSchema(String schema) {
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("A plain schema name, please: " + schema);
        }
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // A lock someone left (a prepared transaction, say) fails the test here rather than hanging it.
            connection.createStatement().execute("set lock_timeout = '10s'");
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " as " + USER + ": " + e.getMessage(), e);
        }
    }

    static boolean reachable() {
        URI uri = URI.create(URL.substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks a test class that needs the local PostgreSQL. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Available.class)
    public @interface Required {
    }

    static final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (reachable()) {
                return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
            }
            if (System.getenv("PLAYGROUND_REQUIRE_POSTGRES") != null) {
                return ConditionEvaluationResult.enabled("PostgreSQL is required here (PLAYGROUND_REQUIRE_POSTGRES) and "
                        + URL + " does not answer: these tests will fail");
            }
            return ConditionEvaluationResult.disabled("No PostgreSQL at " + URL
                    + ": the tests on PostgreSQL are skipped (start one, or set PLAYGROUND_TEST_POSTGRES_URL)");
        }
    }
}
