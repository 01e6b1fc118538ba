package com.example.playground.saga.placeorder;

import com.example.playground.support.testing.LocalPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link PlaceOrderOrchestratorIntegrationTests} again, on a real PostgreSQL through the postgres profile: the same
 * Flyway migrations, the same SQL, the same answers.
 */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class PlaceOrderOrchestratorOnPostgresIntegrationTests extends PlaceOrderOrchestratorIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_sagas");
    }
}
