package com.example.playground.payment.payment;

import com.example.playground.support.testing.LocalPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link PaymentsIntegrationTests} again, on a real PostgreSQL through the postgres profile: the same
 * Flyway migrations, the same SQL, the same answers.
 */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class PaymentsOnPostgresIntegrationTests extends PaymentsIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_payments");
    }
}
