package com.example.playground.supervisor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The services' data on PostgreSQL ({@code up --db postgres}): a schema each, dropped for fresh data
 * ({@code reset}, {@code lab start}) while the services are stopped; each one's Flyway makes it again
 * and seeds it at start, as on H2. Connects as the database's owner, as the services' migrations do:
 * {@code postgres} with no password unless {@code PLAYGROUND_DB_USERNAME} / {@code PLAYGROUND_DB_PASSWORD}
 * say otherwise (the same variables the services read as {@code playground.db.username} / {@code .password}).
 */
final class PostgresData {

    /** Each service's schema, as its application.yml names it ({@code playground.db.schema}); a test holds them equal. */
    static final Map<String, String> SCHEMAS = Map.of(
            "order-service", "orders",
            "payment-service", "payments",
            "inventory-service", "inventory",
            "saga-orchestrator", "sagas");

    private PostgresData() {
    }

    /**
     * Drops the schemas of these modules (those without one are skipped). A participant's prepared
     * transaction ({@code <service>:<orderId>}, two-phase commit) outlives its process and would keep
     * its locks on the schema: the ones these modules left are rolled back first. The services' roles
     * stay: they belong to the whole server, and each service's migration grants its new schema again.
     */
    static void drop(String url, Collection<String> modules) {
        List<String> schemas = modules.stream().distinct().filter(SCHEMAS::containsKey).map(SCHEMAS::get).toList();
        if (schemas.isEmpty()) {
            return;
        }
        String user = System.getenv().getOrDefault("PLAYGROUND_DB_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("PLAYGROUND_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String gid : leftPrepared(connection, modules)) {
                statement.execute("rollback prepared '" + gid.replace("'", "''") + "'");
            }
            for (String schema : schemas) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            throw new PlaygroundException("Cannot drop the services' schemas (" + String.join(", ", schemas) + ") in "
                    + url + " as " + user + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    private static List<String> leftPrepared(Connection connection, Collection<String> modules) throws SQLException {
        List<String> gids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select gid from pg_prepared_xacts where database = current_database()");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String gid = rows.getString(1);
                if (modules.stream().anyMatch(module -> gid.startsWith(module + ":"))) {
                    gids.add(gid);
                }
            }
        }
        return gids;
    }
}
