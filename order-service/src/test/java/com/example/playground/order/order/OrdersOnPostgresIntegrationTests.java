package com.example.playground.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.support.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import com.example.playground.support.faults.Switch;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link OrdersIntegrationTests} again, on a real PostgreSQL through the postgres profile: the same
 * Flyway migrations, the same SQL, the same answers. And what only PostgreSQL has: the service's own role.
 */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class OrdersOnPostgresIntegrationTests extends OrdersIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_orders");
        registry.add("playground.shared-database.inventory-schema", () -> "it_inventory_shared");
    }

    @Test
    void withSharedDatabaseOnTheDetailsReadTheOwnersTableAndBreakWhenItsSchemaChanged() throws SQLException {
        String orderId = orderIdOf(post(ALICE_TWO_BOOKS, null));
        // inventory's table as it was when order-service's query was written (a quantity column).
        owner("drop schema if exists it_inventory_shared cascade", "create schema it_inventory_shared",
                "create table it_inventory_shared.reservation (order_id varchar(36), sku varchar(64), quantity int, status varchar(16))",
                "insert into it_inventory_shared.reservation values ('" + orderId + "', 'book', 2, 'RESERVED')");
        faults.set(Switch.SHARED_DATABASE, true);
        try {
            var read = assertThat(mvc.get().uri("/api/orders/{id}/details", orderId)).hasStatusOk().bodyJson();
            read.extractingPath("$.reservations.source").isEqualTo("inventory-service's table (shared-database)");
            read.extractingPath("$.reservations.available").isEqualTo(true);
            read.extractingPath("$.reservations.items[0].quantity").isEqualTo(2);

            owner("alter table it_inventory_shared.reservation rename column quantity to units"); // what inventory's V6 does

            assertThat(mvc.get().uri("/api/orders/{id}/details", orderId)).hasStatusOk().bodyJson()
                    .extractingPath("$.reservations.unavailableBecause").asString()
                    .contains("column \"quantity\" does not exist");
        } finally {
            faults.set(Switch.SHARED_DATABASE, false);
        }
        assertThat(mvc.get().uri("/api/orders/{id}/details", orderId)).bodyJson()
                .extractingPath("$.reservations.source").isEqualTo("inventory-service");
    }

    private static void owner(String... statements) throws SQLException {
        try (Connection owner = DriverManager.getConnection(LocalPostgres.URL, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement statement = owner.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void theServiceRunsAsItsOwnRoleWhichMayNeitherReadAnotherSchemaNorChangeItsOwn() throws SQLException {
        try (Connection owner = DriverManager.getConnection(LocalPostgres.URL, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement statement = owner.createStatement()) {
            // Another service's table, as the database's owner would make it.
            statement.execute("create schema if not exists it_elsewhere");
            statement.execute("create table if not exists it_elsewhere.reservation (order_id varchar(36))");
        }

        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("order_service");
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isNotNegative();
        assertThatThrownBy(() -> jdbc.sql("select count(*) from it_elsewhere.reservation").query(Long.class).single())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("create table intruder (x int)").update())
                .rootCause().hasMessageContaining("permission denied");
    }
}
