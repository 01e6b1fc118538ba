package com.example.playground.saga.placeorder;

import org.springframework.web.context.WebApplicationContext;
import com.example.playground.support.testing.ApiDescriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.support.testing.KafkaProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator over a real (embedded KRaft) broker, with the test playing the participants:
 * it answers each command the saga sends, and checks the next command and the stored state.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class PlaceOrderOrchestratorIntegrationTests {

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired SagaRepository sagas;
    @Autowired MockMvcTester mvc;
    @Autowired MeterRegistry meters;

    KafkaProbe probe;

    @BeforeEach
    void watchCommands() {
        probe = new KafkaProbe(broker, kafka, json, Topics.INVENTORY_COMMANDS, Topics.PAYMENT_COMMANDS,
                Topics.ORDER_COMMANDS, Topics.deadLetter(Topics.PAYMENT_EVENTS));
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void drivesAnOrderFromPlacedToApproved() {
        long completedBefore = sagasEnded("orchestration", "completed");
        String orderId = placeOrder(SagaStyle.ORCHESTRATION);

        probe.await(ReserveStockCommand.class, orderId);
        probe.send(new StockReserved(orderId));
        assertThat(probe.await(AuthorizePaymentCommand.class, orderId).amount()).isEqualByComparingTo("25.00");
        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("25.00")));
        probe.await(ApproveOrderCommand.class, orderId);
        probe.send(new OrderApproved(orderId));

        await().untilAsserted(() -> assertThat(sagas.view(orderId)).get()
                .satisfies(saga -> assertThat(saga.state()).isEqualTo(SagaStatus.COMPLETED)));
        assertThat(mvc.get().uri("/api/sagas/{id}", orderId)).hasStatusOk().bodyJson()
                .extractingPath("$.steps[*].step")
                .asArray()
                .containsExactly("place order", "reserve stock", "reserve stock", "authorize payment",
                        "authorize payment", "approve order", "approve order");
        // Its outcome and duration are a metric, per style.
        assertThat(sagasEnded("orchestration", "completed")).isEqualTo(completedBefore + 1);
    }

    private long sagasEnded(String style, String outcome) {
        var timer = meters.find("playground.saga.duration").tag("style", style).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void compensatesInReverseOrderWhenPaymentIsDeclined() {
        String orderId = placeOrder(SagaStyle.ORCHESTRATION);

        probe.await(ReserveStockCommand.class, orderId);
        probe.send(new StockReserved(orderId));
        probe.await(AuthorizePaymentCommand.class, orderId);
        probe.send(new PaymentDeclined(orderId, "insufficient credit"));
        probe.await(ReleaseStockCommand.class, orderId);
        probe.send(new StockReleased(orderId));
        assertThat(probe.await(RejectOrderCommand.class, orderId).reason()).isEqualTo("insufficient credit");
        probe.send(new OrderRejected(orderId, "insufficient credit"));

        await().untilAsserted(() -> assertThat(sagas.view(orderId)).get()
                .satisfies(saga -> assertThat(saga.state()).isEqualTo(SagaStatus.ROLLED_BACK)));
    }

    @Test
    void writesDownAChoreographedOrderWithoutSendingAnything() {
        String choreographed = placeOrder(SagaStyle.CHOREOGRAPHY);
        probe.send(new StockReserved(choreographed));
        probe.send(new PaymentDeclined(choreographed, "insufficient credit"));
        probe.send(new StockReleased(choreographed));
        probe.send(new OrderRejected(choreographed, "insufficient credit"));

        await().untilAsserted(() -> assertThat(mvc.get().uri("/api/sagas/{id}", choreographed)).hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        {"style": "choreography", "state": "ROLLED_BACK", "failureReason": "insufficient credit",
                         "steps": [{"step": "place order", "outcome": "DONE"},
                                   {"step": "reserve stock", "outcome": "SUCCEEDED"},
                                   {"step": "authorize payment", "outcome": "FAILED", "detail": "insufficient credit"},
                                   {"step": "reserve stock", "outcome": "COMPENSATED"},
                                   {"step": "place order", "outcome": "COMPENSATED"}]}"""));

        // An orchestrated order placed after it is commanded: by then the choreographed one was seen, and got no command.
        String orchestrated = placeOrder(SagaStyle.ORCHESTRATION);
        probe.await(ReserveStockCommand.class, orchestrated);
        assertThat(probe.find(ReserveStockCommand.class, choreographed)).isEmpty();
        assertThat(probe.find(AuthorizePaymentCommand.class, choreographed)).isEmpty();
    }

    @Test
    void aStepWithNoReplyBeforeTheDeadlineIsCompensatedAndTheOrderRejected() {
        String orderId = placeOrder(SagaStyle.ORCHESTRATION);
        probe.await(ReserveStockCommand.class, orderId);
        probe.send(new StockReserved(orderId));
        probe.await(AuthorizePaymentCommand.class, orderId);
        // payment-service is "down": no reply. The test profile's deadline is 5 s.

        probe.await(RefundPaymentCommand.class, orderId);
        probe.send(new PaymentRefunded(orderId, null, BigDecimal.ZERO));
        probe.await(ReleaseStockCommand.class, orderId);
        probe.send(new StockReleased(orderId));
        assertThat(probe.await(RejectOrderCommand.class, orderId).reason())
                .isEqualTo("Timed out: no reply to 'authorize payment' within 5 s");
    }

    @Test
    void aCompensationThatIsNotConfirmedBeforeTheDeadlineIsSentAgain() {
        String orderId = placeOrder(SagaStyle.ORCHESTRATION);
        probe.await(ReserveStockCommand.class, orderId);
        probe.send(new StockRejected(orderId, "Out of stock"));
        probe.await(RejectOrderCommand.class, orderId);
        // order-service "parked" the command: no OrderRejected comes back. One deadline (5 s) later:

        await().atMost(Duration.ofSeconds(20)).until(() -> probe.find(RejectOrderCommand.class, orderId).size() >= 2);
        probe.send(new OrderRejected(orderId, "Out of stock"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mvc.get().uri("/api/sagas/{id}", orderId)).bodyJson()
                        .extractingPath("$.state").isEqualTo("ROLLED_BACK"));
        assertThat(mvc.get().uri("/api/sagas/{id}", orderId)).bodyJson().extractingPath("$.steps[*].detail")
                .asArray().contains("RejectOrderCommand sent again: no confirmation within 5 s");
    }

    @Test
    void theLatestSagasOfBothStylesComeNewestFirst() {
        String older = placeOrder(SagaStyle.ORCHESTRATION);
        probe.await(ReserveStockCommand.class, older);
        String newer = placeOrder(SagaStyle.CHOREOGRAPHY);
        await().until(() -> sagas.view(newer).isPresent());

        assertThat(mvc.get().uri("/api/sagas?limit=2")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        [{"orderId": "%s", "style": "choreography"}, {"orderId": "%s", "style": "orchestration"}]"""
                        .formatted(newer, older));
        assertThat(mvc.get().uri("/api/sagas?limit=0")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:invalid-limit");
    }

    @Test
    void aSagaStoredAtAStepTheSagaNoLongerHasIsLeftAsItIsAndItsReplyParked() {
        String orderId = UUID.randomUUID().toString();
        // Stored while "authorize payment" was still called "charge card".
        sagas.insert(PlaceOrderSaga.DEFINITION.name(), SagaStyle.ORCHESTRATION,
                new PlaceOrderData(orderId, "alice", List.of(new OrderLine("book", 2)), new BigDecimal("25.00")),
                new SagaState(SagaStatus.RUNNING, "charge card", null), OffsetDateTime.now());

        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("25.00")));

        // Not guessed, not lost: parked on the dead-letter topic, to be sent again once the step is renamed.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(probe.records(Topics.deadLetter(Topics.PAYMENT_EVENTS), orderId)).singleElement()
                        .satisfies(parked -> assertThat(new String(parked.headers()
                                .lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8))
                                .contains("The place-order saga has no step 'charge card'")));
        assertThat(sagas.find(orderId)).get().satisfies(saga -> {
            assertThat(saga.state()).isEqualTo(new SagaState(SagaStatus.RUNNING, "charge card", null));
            assertThat(saga.version()).isZero();
        });
        assertThat(sagas.history(orderId)).isEmpty();
        assertThat(probe.find(ApproveOrderCommand.class, orderId)).isEmpty();
    }

    @Test
    void itHearsTheTopicsOfTheEventsTheSagaNames(@Autowired KafkaListenerEndpointRegistry listeners) {
        assertThat(listeners.getListenerContainers())
                .extracting(container -> List.of(container.getContainerProperties().getTopics()))
                .containsExactly(List.of(Topics.INVENTORY_EVENTS, Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS));
    }

    @Test
    void anOrderWithNoSagaIsNotFound() {
        assertThat(mvc.get().uri("/api/sagas/{id}", "no-such-order")).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:saga-not-found");
    }

    private String placeOrder(SagaStyle style) {
        String orderId = UUID.randomUUID().toString();
        probe.send(new OrderPlaced(orderId, "alice", List.of(new OrderLine("book", 2)), new BigDecimal("25.00"), style));
        return orderId;
    }

    /** Ids are checked before any lookup; a limit is a whole number from 1 to 50. */
    @ParameterizedTest(name = "{0} [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/sagas/{id}       | ..orders      | 400 | validation-failed
            /api/sagas/{id}       | .hidden       | 400 | validation-failed
            /api/sagas/{id}       | no-such-order | 404 | saga-not-found
            /api/sagas?limit={n}  | ten           | 400 | invalid-parameter
            /api/sagas?limit={n}  | 1.5           | 400 | invalid-parameter
            /api/sagas?limit={n}  | 0             | 400 | invalid-limit
            /api/sagas?limit={n}  | 51            | 400 | invalid-limit
            """)
    void anIdOrLimitThatIsNotValidIsRefused(String uri, String value, int status, String type) {
        assertThat(mvc.get().uri(uri, value)).hasStatus(status).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:" + type);
    }

    /** docs/api/saga-orchestrator.json, which the gateway's Swagger UI serves, is what its controllers describe now. */
    @Test
    void itsApiDescriptionIsTheOneTheGatewayServes(@Autowired WebApplicationContext context) throws Exception {
        ApiDescriptions.assertCurrent(context, "saga-orchestrator");
    }
}
