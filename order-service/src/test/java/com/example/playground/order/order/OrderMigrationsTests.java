package com.example.playground.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Orders stored while the saga style was kept in lower case (V2), migrated to today: the style is in
 * saga_style, spelt as SagaStyle's names, like in every other service. On H2 here, on PostgreSQL in
 * {@link OrderMigrationsOnPostgresTests}.
 */
class OrderMigrationsTests {

    /** A fresh, empty database, and Flyway pointed at it. */
    FluentConfiguration emptyDatabase() throws Exception {
        return Flyway.configure().dataSource(new DriverManagerDataSource(
                "jdbc:h2:mem:order-migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Test
    void theSagaStyleOfStoredOrdersIsSpeltAsSagaStylesNames() throws Exception {
        FluentConfiguration flyway = emptyDatabase()
                .locations("classpath:db/support", "classpath:db/migration").outOfOrder(true);
        flyway.target("2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(flyway.getDataSource());
        stored(jdbc, "orchestrated", "orchestration");
        stored(jdbc, "choreographed", "choreography");

        flyway.target("latest").load().migrate();

        assertThat(jdbc.sql("select order_id, saga_style from orders order by order_id")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2))).list())
                .containsExactly(List.of("choreographed", "CHOREOGRAPHY"), List.of("orchestrated", "ORCHESTRATION"));
    }

    private static void stored(JdbcClient jdbc, String orderId, String saga) {
        jdbc.sql("""
                        insert into orders (order_id, customer_id, total, status, saga, created_at, updated_at)
                        values (:id, 'alice', 12.50, 'PENDING', :saga, :now, :now)""")
                .param("id", orderId)
                .param("saga", saga)
                .param("now", OffsetDateTime.now())
                .update();
    }
}
