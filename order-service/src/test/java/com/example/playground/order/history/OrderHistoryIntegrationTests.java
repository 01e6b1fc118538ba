package com.example.playground.order.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.order.order.InventoryStub;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.testing.KafkaProbe;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.CollectionUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order history (CQRS read side) over a real (embedded KRaft) broker and H2: events published
 * as the services publish them (keyed by order id, with type and id headers) end as one row per
 * order in {@code GET /api/order-history}; the projection can be paused and rebuilt. Each test uses
 * order and customer ids of its own: the history is never emptied between tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class OrderHistoryIntegrationTests {

    static final String HISTORY = "/api/order-history";

    static InventoryStub inventory;

    @DynamicPropertySource
    static void inventoryInstance(DynamicPropertyRegistry registry) throws IOException {
        inventory = InventoryStub.registeredIn(registry);
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @Autowired MockMvcTester mvc;
    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired Faults faults;
    @Autowired OrderHistoryProjection projection;
    @Autowired ProjectionLag lag;
    @Autowired RebuildEndpoint rebuild;

    KafkaProbe probe;

    @BeforeEach
    void startClean() {
        probe = new KafkaProbe(broker, kafka, json, Topics.ORDER_EVENTS);
        faults.healAll();
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void anOrdersFourEventsEndAsOneApprovedRowOfItsCustomer() {
        String customer = newId("c");
        String orderId = newId("o");

        sendApprovedOrder(orderId, customer);

        await().untilAsserted(() -> assertApproved(customer, orderId));
    }

    /** Kafka keeps order within a partition, not across topics: the payment and the stock may come first. */
    @Test
    void eventsFromOtherTopicsThatArriveBeforeOrderPlacedEndInTheSameRow() {
        String customer = newId("c");
        String orderId = newId("o");

        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("26.20")));
        probe.send(new StockReserved(orderId));
        await().until(() -> eventsOf(orderId) == 2);
        assertThat(history(customer).get("orders")).as("no OrderPlaced yet: nobody's order").isEmpty();

        probe.send(placed(orderId, customer));
        probe.send(new OrderApproved(orderId));

        await().untilAsserted(() -> assertApproved(customer, orderId));
    }

    /** Each duplicate is followed on its topic by a new event, so once that shows, the duplicate was read. */
    @Test
    void aRecordDeliveredTwiceCountsOnce() {
        String customer = newId("c");
        String orderId = newId("o");
        String placedId = newId("m");
        String paidId = newId("m");

        probe.send(placed(orderId, customer), placedId);
        probe.send(placed(orderId, customer), placedId);
        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("26.20")), paidId);
        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("26.20")), paidId);
        probe.send(new OrderApproved(orderId));
        probe.send(new PaymentRefunded(orderId, "p-1", new BigDecimal("26.20")));

        await().untilAsserted(() -> {
            JsonNode row = onlyOrderOf(customer);
            assertThat(row.get("status").asString()).isEqualTo("APPROVED");
            assertThat(row.get("payment").asString()).isEqualTo("REFUNDED");
        });
        assertThat(onlyOrderOf(customer).get("events").asInt()).as("placed, authorized, approved, refunded").isEqualTo(4);
    }

    @Test
    void whileThePauseSwitchIsOnNewEventsWaitAndTheLagShowsThenTheyAppear() {
        String customer = newId("c");
        String orderId = newId("o");
        faults.set(Switch.ORDER_HISTORY_PAUSED, true);
        try {
            await().until(this::pauseInEffect);
            sendApprovedOrder(orderId, customer);

            await().untilAsserted(() -> {
                JsonNode history = history(customer);
                assertThat(history.get("paused").asBoolean()).isTrue();
                assertThat(history.get("behind").asLong()).isGreaterThanOrEqualTo(4);
                assertThat(history.get("lagSeconds").asDouble()).isPositive();
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(history(customer).get("orders")).isEmpty());
        } finally {
            faults.set(Switch.ORDER_HISTORY_PAUSED, false);
        }

        await().untilAsserted(() -> assertApproved(customer, orderId));
        await().untilAsserted(() -> {
            JsonNode history = history(customer);
            assertThat(history.get("paused").asBoolean()).isFalse();
            assertThat(history.get("behind").asLong()).isZero();
            assertThat(history.get("lagSeconds").asDouble()).isZero();
        });
    }

    /** A history changed behind the projection's back (a bug, a bad hand edit) is put right by a rebuild. */
    @Test
    void aRebuildReplaysTheTopicsIntoTheSameHistory() throws Exception {
        String customer = newId("c");
        String orderId = newId("o");
        sendApprovedOrder(orderId, customer);
        await().until(() -> eventsOf(orderId) == 4);
        await().until(() -> lag.count() == 0);
        Map<String, Object> before = rebuild.status();
        jdbc.sql("update order_history set order_status = 'REJECTED', events = 1 where order_id = :id")
                .param("id", orderId).update();
        assertThat(rebuild.status().get("digest")).isNotEqualTo(before.get("digest"));

        Map<String, Object> answer = rebuild.rebuild();

        assertThat(answer).containsEntry("rowsThrownAway", before.get("rows"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rebuild.status())
                .containsEntry("behind", 0L)
                .containsEntry("rows", before.get("rows"))
                .containsEntry("digest", before.get("digest"))
                .containsEntry("rebuilds", (int) before.get("rebuilds") + 1));
        assertThat(rebuild.status().get("lastRebuild")).isNotNull();
        assertApproved(customer, orderId);
    }

    /** The whole way: order-service's own OrderPlaced and OrderApproved, through its outbox. */
    @Test
    void anOrderPlacedThroughTheApiShowsInItsCustomersHistory() {
        MvcTestResult placed = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\": \"bob\", \"items\": [{\"sku\": \"pen\", \"quantity\": 3}]}").exchange();
        assertThat(placed).hasStatus(HttpStatus.CREATED);
        String orderId = json.readTree(placed.getResponse().getContentAsByteArray()).get("orderId").asString();

        probe.send(new ApproveOrderCommand(orderId));

        await().untilAsserted(() -> assertThat(history("bob").get("orders").valueStream()
                .filter(row -> row.get("orderId").asString().equals(orderId)).toList()).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status").asString()).isEqualTo("APPROVED");
                    assertThat(row.get("items").asString()).isEqualTo("3 x pen");
                    assertThat(row.get("total").decimalValue()).isEqualByComparingTo("3.60");
                    assertThat(row.get("events").asInt()).isEqualTo(2);
                }));
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("no customer id", null, "5", "missing-parameter"),
                Arguments.of("empty customer id", "", null, "validation-failed"),
                Arguments.of("customer id with a space", "a b", null, "validation-failed"),
                Arguments.of("customer id of 65 characters", "c".repeat(65), null, "validation-failed"),
                Arguments.of("customer id with a path", "alice/../bob", null, "validation-failed"),
                Arguments.of("limit 0", "alice", "0", "validation-failed"),
                Arguments.of("limit 101", "alice", "101", "validation-failed"),
                Arguments.of("limit not a number", "alice", "ten", "invalid-parameter"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badQueries")
    void badInputIsAProblemAndChangesNothing(String what, String customerId, String limit, String type) {
        Object rows = rebuild.status().get("rows");
        var request = mvc.get().uri(HISTORY);
        if (customerId != null) {
            request = request.param("customerId", customerId);
        }
        if (limit != null) {
            request = request.param("limit", limit);
        }

        assertThat(request).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:" + type);
        assertThat(rebuild.status().get("rows")).isEqualTo(rows);
    }

    private void assertApproved(String customer, String orderId) {
        assertThat(mvc.get().uri(HISTORY).param("customerId", customer)).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"customerId": "%s", "paused": false, "orders": [{"orderId": "%s", "customerId": "%s",
                         "saga": "orchestration", "total": 26.20, "items": "2 x book, 1 x pen", "status": "APPROVED",
                         "payment": "AUTHORIZED", "stock": "RESERVED", "reason": null, "events": 4}]}"""
                        .formatted(customer, orderId, customer));
        assertThat(onlyOrderOf(customer).get("placedAt").isNull()).as("placedAt is null").isFalse();
    }

    /**
     * The switch pauses each consumer at its next poll. A consumer with no partition never reports
     * paused (here concurrency 3 reads three topics of one partition), so only those with some count.
     */
    private boolean pauseInEffect() {
        var container = (ConcurrentMessageListenerContainer<?, ?>) projection.container();
        return container.getContainers().stream().filter(c -> !CollectionUtils.isEmpty(c.getAssignedPartitions()))
                .allMatch(KafkaMessageListenerContainer::isContainerPaused);
    }

    private void sendApprovedOrder(String orderId, String customer) {
        probe.send(placed(orderId, customer));
        probe.send(new PaymentAuthorized(orderId, "p-1", new BigDecimal("26.20")));
        probe.send(new StockReserved(orderId));
        probe.send(new OrderApproved(orderId));
    }

    private static OrderPlaced placed(String orderId, String customer) {
        return new OrderPlaced(orderId, customer, List.of(new OrderLine("book", 2), new OrderLine("pen", 1)),
                new BigDecimal("26.20"), SagaStyle.ORCHESTRATION);
    }

    private JsonNode history(String customerId) {
        MvcTestResult result = mvc.get().uri(HISTORY).param("customerId", customerId).exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private JsonNode onlyOrderOf(String customerId) {
        return assertThat(history(customerId).get("orders")).singleElement().actual();
    }

    /** The events the history counted for an order, read straight from its table (0: no row yet). */
    private int eventsOf(String orderId) {
        return jdbc.sql("select events from order_history where order_id = :id").param("id", orderId)
                .query(Integer.class).optional().orElse(0);
    }

    /** An id of 1 to 36 characters: an order id must fit order_history's order_id. */
    private static String newId(String prefix) {
        return (prefix + "-" + UUID.randomUUID()).substring(0, 36);
    }
}
