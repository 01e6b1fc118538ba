package com.example.playground.inventory.stock;

import org.springframework.web.context.WebApplicationContext;
import com.example.playground.support.testing.ApiDescriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.OrderLine;
import io.micrometer.core.instrument.MeterRegistry;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.DeadLettersEndpoint;
import com.example.playground.support.testing.KafkaProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/** Inventory as a saga participant, over a real (embedded KRaft) Kafka broker and H2. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class ReservationsIntegrationTests {

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired StockRepository stock;
    @Autowired DeadLettersEndpoint deadLetters;
    @Autowired MockMvcTester mvc;
    @Autowired MeterRegistry meters;

    KafkaProbe probe;

    @BeforeEach
    void watchEvents() {
        probe = new KafkaProbe(broker, kafka, json, Topics.INVENTORY_EVENTS, Topics.deadLetter(Topics.INVENTORY_COMMANDS));
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void reservesStockAndReleasesItAgain() {
        String orderId = newOrderId();
        int before = available("pen");

        probe.send(new ReserveStockCommand(orderId, List.of(new OrderLine("pen", 3))));
        probe.await(StockReserved.class, orderId);
        assertThat(stock.find("pen")).get().satisfies(pen -> {
            assertThat(pen.available()).isEqualTo(before - 3);
        });

        assertThat(mvc.get().uri("/api/inventory/reservations?orderId={id}", orderId)).hasStatusOk().bodyJson()
                .isEqualTo("""
                        [{"sku": "pen", "quantity": 3, "status": "RESERVED"}]""");

        probe.send(new ReleaseStockCommand(orderId));
        probe.await(StockReleased.class, orderId);
        assertThat(available("pen")).isEqualTo(before);
        assertThat(mvc.get().uri("/api/inventory/reservations?orderId={id}", orderId)).bodyJson()
                .extractingPath("$[0].status").isEqualTo("RELEASED");
    }

    @Test
    void rejectsAnOrderItCannotFillAndReservesNothingOfIt() {
        String orderId = newOrderId();
        int books = available("book");

        probe.send(new ReserveStockCommand(orderId, List.of(new OrderLine("book", 1), new OrderLine("rare-coin", 1))));

        StockRejected rejected = probe.await(StockRejected.class, orderId);
        assertThat(rejected.reason()).contains("rare-coin").contains("0 available");
        assertThat(available("book")).isEqualTo(books);
    }

    @Test
    void aRedeliveredCommandReservesOnlyOnce() {
        String orderId = newOrderId();
        int before = available("book");
        String messageId = UUID.randomUUID().toString();
        var command = new ReserveStockCommand(orderId, List.of(new OrderLine("book", 2)));

        probe.send(command, messageId);
        probe.send(command, messageId);
        probe.await(StockReserved.class, orderId);

        // A third, later message proves both copies were consumed before we count.
        probe.send(new ReleaseStockCommand(orderId + "-marker"));
        probe.await(StockReleased.class, orderId + "-marker");
        assertThat(available("book")).isEqualTo(before - 2);
        assertThat(probe.find(StockReserved.class, orderId)).hasSize(1);
    }

    @Test
    void aPoisonMessageIsParkedAndTheListenerGoesOn() {
        String orderId = newOrderId();
        double countedBefore = deadLettersCounted();
        probe.sendRaw(Topics.INVENTORY_COMMANDS, orderId, "ReserveStockCommand", UUID.randomUUID().toString(),
                "{not json");
        probe.send(new ReserveStockCommand(orderId, List.of(new OrderLine("pen", 1))));

        probe.await(StockReserved.class, orderId);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(probe.records(Topics.deadLetter(Topics.INVENTORY_COMMANDS), orderId))
                        .singleElement()
                        .satisfies(parked -> assertThat(parked.value()).isEqualTo("{not json")));

        // What the management port (and ./playground dead-letters) shows of it.
        var parked = deadLetters.deadLetters().get(Topics.deadLetter(Topics.INVENTORY_COMMANDS));
        assertThat(parked.count()).isGreaterThanOrEqualTo(1);
        assertThat(parked.latest()).anySatisfy(letter -> {
            assertThat(letter.key()).isEqualTo(orderId);
            assertThat(letter.payload()).isEqualTo("{not json");
            assertThat(letter.type()).isEqualTo("ReserveStockCommand");
            assertThat(letter.error()).contains("does not parse");
        });
        // And the metric (playground_dead_letters_total on /actuator/prometheus) counted it.
        await().untilAsserted(() -> assertThat(deadLettersCounted()).isEqualTo(countedBefore + 1));
    }

    private double deadLettersCounted() {
        var counter = meters.find("playground.dead.letters").tag("topic", Topics.INVENTORY_COMMANDS).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void choreographyReservesOnOrderPlacedAndReleasesOnPaymentDeclined() {
        String orderId = newOrderId();
        int before = available("book");

        probe.send(new OrderPlaced(orderId, "bob", List.of(new OrderLine("book", 2)), new BigDecimal("25.00"),
                SagaStyle.CHOREOGRAPHY));
        probe.await(StockReserved.class, orderId);
        assertThat(available("book")).isEqualTo(before - 2);

        probe.send(new PaymentDeclined(orderId, "insufficient credit"));
        probe.await(StockReleased.class, orderId);
        assertThat(available("book")).isEqualTo(before);
    }

    @Test
    void choreographyReleasesTheStockOfARejectedOrder() {
        String orderId = newOrderId();
        int before = available("book");
        probe.send(new OrderPlaced(orderId, "alice", List.of(new OrderLine("book", 1)), new BigDecimal("12.50"),
                SagaStyle.CHOREOGRAPHY));
        probe.await(StockReserved.class, orderId);

        probe.send(new OrderRejected(orderId, "Timed out: no outcome within 60 s"));

        probe.await(StockReleased.class, orderId);
        assertThat(available("book")).isEqualTo(before);
    }

    @Test
    void orchestratedOrdersAreLeftToTheOrchestrator() {
        String orderId = newOrderId();
        probe.send(new OrderPlaced(orderId, "alice", List.of(new OrderLine("pen", 1)), new BigDecimal("1.20"),
                SagaStyle.ORCHESTRATION));
        probe.send(new ReserveStockCommand(orderId, List.of(new OrderLine("pen", 1))));
        probe.await(StockReserved.class, orderId);
        int reserved = available("pen");

        String marker = newOrderId();
        probe.send(new OrderPlaced(marker, "alice", List.of(new OrderLine("pen", 1)), BigDecimal.ONE, SagaStyle.CHOREOGRAPHY));
        probe.await(StockReserved.class, marker);

        probe.send(new PaymentDeclined(orderId, "insufficient credit"));
        // The marker's decline comes after on the same topic: once it is handled, so is the first.
        probe.send(new PaymentDeclined(marker, "insufficient credit"));
        probe.await(StockReleased.class, marker);

        assertThat(probe.find(StockReserved.class, orderId)).hasSize(1);
        assertThat(probe.find(StockReleased.class, orderId)).isEmpty();
        assertThat(available("pen")).isEqualTo(reserved);
    }

    private int available(String sku) {
        return stock.find(sku).orElseThrow().available();
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Ids are checked before any lookup: a malformed one is a 400, a well-formed unknown one still a
     * 404. (MockMvc has no web server: ids with '/' are covered over real HTTP, in order-service's
     * BadInputPropertyTests and the system tests' BadInputIT.)
     */
    @ParameterizedTest(name = "{0} [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/inventory/{id}                      | etc%2Fpasswd       | 400 | validation-failed
            /api/inventory/{id}                      | book?x=1           | 400 | validation-failed
            /api/inventory/{id}                      | béok               | 400 | validation-failed
            /api/inventory/{id}                      | -book              | 400 | validation-failed
            /api/inventory/{id}                      | no-such-sku        | 404 | unknown-sku
            /api/inventory/reservations?orderId={id} | a&orderId=b        | 400 | validation-failed
            /api/inventory/reservations?orderId={id} | 1 OR 1=1           | 400 | validation-failed
            """)
    void anIdThatIsNotAnIdentifierIsRefusedBeforeAnyLookup(String uri, String id, int status, String type) {
        assertThat(mvc.get().uri(uri, id)).hasStatus(status).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:" + type);
    }

    /** docs/api/inventory-service.json, which the gateway's Swagger UI serves, is what its controllers describe now. */
    @Test
    void itsApiDescriptionIsTheOneTheGatewayServes(@Autowired WebApplicationContext context) throws Exception {
        ApiDescriptions.assertCurrent(context, "inventory-service");
    }
}
