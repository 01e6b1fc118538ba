package com.example.playground.saga.placeorder;

import com.example.playground.support.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link SagaMigrationsTests} again, on the local PostgreSQL, in a schema made fresh for it. */
@LocalPostgres.Required
class SagaMigrationsOnPostgresTests extends SagaMigrationsTests {

    private static final String SCHEMA = "it_saga_migrations";

    @Override
    FluentConfiguration emptyDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(LocalPostgres.URL, LocalPostgres.USER,
                LocalPostgres.PASSWORD)) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
        var postgres = new DriverManagerDataSource(LocalPostgres.URL, LocalPostgres.USER, LocalPostgres.PASSWORD);
        postgres.setSchema(SCHEMA);
        return Flyway.configure().dataSource(postgres).schemas(SCHEMA).defaultSchema(SCHEMA);
    }
}
