package com.example.playground.order.order;

import com.example.playground.support.testing.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** {@link OrderMigrationsTests} again, on the local PostgreSQL, in a schema made fresh for it. */
@LocalPostgres.Required
class OrderMigrationsOnPostgresTests extends OrderMigrationsTests {

    private static final String SCHEMA = "it_order_migrations";

    @Override
    FluentConfiguration emptyDatabase() throws Exception {
        return Flyway.configure().dataSource(LocalPostgres.freshSchema(SCHEMA)).schemas(SCHEMA).defaultSchema(SCHEMA);
    }
}
