package com.example.playground.payment.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.support.testing.LocalPostgres;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Every test of {@link CreditLedgerIntegrationTests} again, on a real PostgreSQL: the row lock, the fold and the SQL.
 * And what only PostgreSQL can: payment-service as a participant of two-phase commit.
 */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class CreditLedgerOnPostgresIntegrationTests extends CreditLedgerIntegrationTests {

    private static final String PATH = "/internal/two-phase-commit/charges";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_payments");
    }

    @Test
    void asAParticipantOfTwoPhaseCommitItPreparesThenCommitsOrRollsBack() {
        String kept = UUID.randomUUID().toString();
        String undone = UUID.randomUUID().toString();
        BigDecimal before = ledger.balanceOf("alice").orElseThrow();

        assertThat(prepare(kept, "alice", "5.00")).hasStatusOk();
        assertThat(ledger.balanceOf("alice")).as("prepared, not committed").contains(before);
        assertThat(charges.end(kept, true)).isTrue();
        assertThat(charges.end(kept, true)).as("told twice").isFalse();
        assertThat(ledger.balanceOf("alice")).contains(before.subtract(new BigDecimal("5.00")));
        assertThat(jdbc.sql("select kind from credit_event where order_id = :id").param("id", kept).query(String.class)
                .list()).containsExactly("AUTHORIZED");

        assertThat(prepare(undone, "alice", "7.00")).hasStatusOk();
        assertThat(charges.end(undone, false)).isTrue();
        assertThat(ledger.balanceOf("alice")).contains(before.subtract(new BigDecimal("5.00")));

        assertThat(prepare(kept, "alice", "5.00")).as("charged already").hasStatus(409).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:already-charged");
        assertThat(prepare(UUID.randomUUID().toString(), "nobody", "1.00")).hasStatus(409).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:insufficient-credit");
        // Only this test's: a playground run on the same database may have left a prepared charge of its own.
        assertThat(charges.prepared()).doesNotContain(kept, undone);
    }

    private MvcTestResult prepare(String orderId, String customerId, String amount) {
        return mvc.post().uri(PATH + "/{id}", orderId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"%s\",\"amount\":%s}".formatted(customerId, amount)).exchange();
    }
}
