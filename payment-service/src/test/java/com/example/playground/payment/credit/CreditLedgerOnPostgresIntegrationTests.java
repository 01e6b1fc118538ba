package com.example.playground.payment.credit;

import com.example.playground.support.testing.LocalPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every test of {@link CreditLedgerIntegrationTests} again, on a real PostgreSQL: the row lock, the fold and the SQL. */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class CreditLedgerOnPostgresIntegrationTests extends CreditLedgerIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_payments");
    }
}
