package com.example.playground.saga.placeorder;

import com.example.playground.support.testing.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** {@link SagaMigrationsTests} again, on the local PostgreSQL, in a schema made fresh for it. */
@LocalPostgres.Required
class SagaMigrationsOnPostgresTests extends SagaMigrationsTests {

    private static final String SCHEMA = "it_saga_migrations";

    @Override
    FluentConfiguration emptyDatabase() throws Exception {
        return Flyway.configure().dataSource(LocalPostgres.freshSchema(SCHEMA)).schemas(SCHEMA).defaultSchema(SCHEMA);
    }
}
