package com.example.playground.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.SagaStyle;
import com.example.playground.support.testing.LocalPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Every test of {@link ReservationsIntegrationTests} again, on a real PostgreSQL through the postgres profile: the same
 * Flyway migrations, the same SQL, the same answers. And what only PostgreSQL can: inventory-service as a participant
 * of two-phase commit.
 */
@LocalPostgres.Required
@ActiveProfiles({"test", "postgres"})
class ReservationsOnPostgresIntegrationTests extends ReservationsIntegrationTests {

    private static final String PATH = "/internal/two-phase-commit/reservations";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LocalPostgres.use(registry, "it_inventory");
    }

    @Test
    void asAParticipantOfTwoPhaseCommitItPreparesThenCommitsOrRollsBack() {
        String kept = UUID.randomUUID().toString();
        String undone = UUID.randomUUID().toString();
        int before = stock.find("pen").orElseThrow().available();

        assertThat(prepare(kept, "pen", 2)).hasStatusOk();
        assertThat(stock.find("pen").orElseThrow().available()).as("prepared, not committed").isEqualTo(before);
        assertThat(mvc.get().uri(PATH)).bodyJson().extractingPath("$").asArray().contains(kept);
        assertThat(end(kept, "commit")).bodyJson().extractingPath("$.ended").isEqualTo(true);
        assertThat(end(kept, "commit")).as("told twice").bodyJson().extractingPath("$.ended").isEqualTo(false);
        assertThat(stock.find("pen").orElseThrow().available()).isEqualTo(before - 2);
        assertThat(stock.reservationsOf(kept)).singleElement().satisfies(reservation -> {
            assertThat(reservation.quantity()).isEqualTo(2);
            assertThat(reservation.sagaStyle()).isEqualTo(SagaStyle.TWO_PHASE_COMMIT);
        });

        assertThat(prepare(undone, "pen", 5)).hasStatusOk();
        assertThat(end(undone, "rollback")).bodyJson().extractingPath("$.ended").isEqualTo(true);
        assertThat(stock.find("pen").orElseThrow().available()).isEqualTo(before - 2);
        assertThat(stock.reservationsOf(undone)).isEmpty();

        assertThat(prepare(kept, "pen", 1)).as("an order that holds stock already").hasStatus(409).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:already-reserved");
        assertThat(prepare(UUID.randomUUID().toString(), "rare-coin", 1)).hasStatus(409).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:out-of-stock");
        assertThat(mvc.get().uri(PATH)).bodyJson().extractingPath("$").asArray().isEmpty();
    }

    private MvcTestResult prepare(String orderId, String sku, int quantity) {
        return mvc.post().uri(PATH + "/{id}", orderId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{\"sku\":\"%s\",\"quantity\":%d}]}".formatted(sku, quantity)).exchange();
    }

    private MvcTestResult end(String orderId, String how) {
        return mvc.post().uri(PATH + "/{id}/" + how, orderId).exchange();
    }
}
