package com.example.playground.saga.placeorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.Transition;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The orchestrator's database as it was before sagas stored their step by name (V3), with sagas in
 * flight, migrated to today: each saga keeps the step it was at, now by name, and goes on from there.
 * On H2 here, on PostgreSQL in {@link SagaMigrationsOnPostgresTests}.
 */
class SagaMigrationsTests {

    /** A fresh, empty database, and Flyway pointed at it. */
    FluentConfiguration emptyDatabase() throws Exception {
        var h2 = new DriverManagerDataSource("jdbc:h2:mem:saga-migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        return Flyway.configure().dataSource(h2);
    }

    @Test
    void sagasInFlightKeepTheirStepByName() throws Exception {
        FluentConfiguration flyway = emptyDatabase()
                .locations("classpath:db/support", "classpath:db/migration").outOfOrder(true);
        flyway.target("3").load().migrate();
        JdbcClient jdbc = JdbcClient.create(flyway.getDataSource());
        // Stored by position, by the four-step saga: 0 place order, 1 reserve stock, 2 authorize payment, 3 approve order.
        storedByPosition(jdbc, "rolled-back", "ROLLED_BACK", 0, "ORCHESTRATION");
        storedByPosition(jdbc, "reserving", "RUNNING", 1, "CHOREOGRAPHY");
        storedByPosition(jdbc, "paying", "RUNNING", 2, "ORCHESTRATION");
        storedByPosition(jdbc, "completed", "COMPLETED", 3, "ORCHESTRATION");
        storedByPosition(jdbc, "unheard-of", "RUNNING", 7, "ORCHESTRATION");

        flyway.target("latest").load().migrate();

        assertThat(jdbc.sql("select order_id, current_step, saga_style from saga_instance order by created_at")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(
                        List.of("rolled-back", "place order", "ORCHESTRATION"),
                        List.of("reserving", "reserve stock", "CHOREOGRAPHY"),
                        List.of("paying", "authorize payment", "ORCHESTRATION"),
                        List.of("completed", "approve order", "ORCHESTRATION"),
                        // A position nobody can name stays a number: the orchestrator refuses it rather than guess.
                        List.of("unheard-of", "7", "ORCHESTRATION"));

        // The saga that waited for its payment goes on from there under today's definition.
        String step = jdbc.sql("select current_step from saga_instance where order_id = 'paying'")
                .query(String.class).single();
        Transition paid = PlaceOrderSaga.DEFINITION.handle(new SagaState(SagaStatus.RUNNING, step, null),
                new PlaceOrderData("paying", "alice", List.of(), new BigDecimal("25.00")),
                new PaymentAuthorized("paying", "payment-1", new BigDecimal("25.00")));
        assertThat(paid.commands()).containsExactly(new ApproveOrderCommand("paying"));
    }

    private static void storedByPosition(JdbcClient jdbc, String orderId, String status, int step, String style) {
        OffsetDateTime createdAt = OffsetDateTime.now().plusSeconds(jdbc.sql("select count(*) from saga_instance")
                .query(Integer.class).single());
        jdbc.sql("""
                        insert into saga_instance (order_id, saga_type, status, current_step, data, version, created_at,
                                                   updated_at, style)
                        values (:id, 'place-order', :status, :step, '{}', 0, :createdAt, :createdAt, :style)""")
                .params(Map.of("id", orderId, "status", status, "step", step, "style", style, "createdAt", createdAt))
                .update();
    }
}
