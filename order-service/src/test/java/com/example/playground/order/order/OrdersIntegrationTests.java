package com.example.playground.order.order;

import org.springframework.web.context.WebApplicationContext;
import com.example.playground.support.testing.ApiDescriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.testing.KafkaProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import com.example.playground.order.twophase.TwoPhaseCommit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order API and order-service's part of the saga, over a real (embedded KRaft) broker and H2.
 * inventory-service is found through the load balancer (a static instance list instead of Eureka).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class OrdersIntegrationTests {

    static final String ALICE_TWO_BOOKS = """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": 2}], "saga": "orchestration"}""";

    static final String CHOREOGRAPHED = """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}], "saga": "choreography"}""";

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
    @Autowired CircuitBreakerRegistry breakers;
    @Autowired RetryRegistry retries;
    @Autowired MeterRegistry meters;
    @Autowired OrderTimingsEndpoint orderTimings;
    @Autowired TwoPhaseCommit twoPhaseCommit;

    KafkaProbe probe;

    @BeforeEach
    void watchEvents() {
        probe = new KafkaProbe(broker, kafka, json, Topics.ORDER_EVENTS);
        // Every test starts with inventory-service well and its breaker closed and empty.
        faults.healAll();
        breakers.circuitBreaker("inventory-service").reset();
        breakers.circuitBreaker("payment-service").reset();
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void placingAnOrderStoresItPendingAndPublishesOrderPlaced() {
        MvcTestResult placed = post(ALICE_TWO_BOOKS, null);

        assertThat(placed).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        String orderId = orderIdOf(placed);
        assertThat(placed.getResponse().getHeader("Location")).isEqualTo("/api/orders/" + orderId);

        OrderPlaced event = probe.await(OrderPlaced.class, orderId);
        assertThat(event.total()).isEqualByComparingTo("25.00");
        assertThat(event.saga()).isEqualTo(SagaStyle.ORCHESTRATION);

        assertThat(mvc.get().uri("/api/orders/{id}", orderId)).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"orderId": "%s", "customerId": "alice", "status": "PENDING", "saga": "orchestration",
                         "total": 25.00, "items": [{"sku": "book", "quantity": 2, "unitPrice": 12.50}]}"""
                        .formatted(orderId));
    }

    @Test
    void theEventLeavesThroughTheOutboxInTheTraceOfTheRequestThatPlacedTheOrder() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        MvcTestResult placed = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(ALICE_TWO_BOOKS).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange();
        String orderId = orderIdOf(placed);

        probe.await(OrderPlaced.class, orderId);
        var record = probe.records(Topics.ORDER_EVENTS, orderId).get(0);
        var traceParent = record.headers().lastHeader("traceparent");
        assertThat(traceParent).as("traceparent header on the Kafka record").isNotNull();
        // Same trace, a span of its own (the Kafka send below the outbox relay's span).
        assertThat(new String(traceParent.value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }

    /** The caller's decision not to sample (the gateway's, at a probability below 1) survives the outbox too. */
    @Test
    void aTraceTheCallerDidNotSampleStaysUnsampledThroughTheOutbox() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4737";
        MvcTestResult placed = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(ALICE_TWO_BOOKS).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00").exchange();
        String orderId = orderIdOf(placed);

        probe.await(OrderPlaced.class, orderId);
        var traceParent = probe.records(Topics.ORDER_EVENTS, orderId).get(0).headers().lastHeader("traceparent");
        assertThat(traceParent).as("traceparent header on the Kafka record").isNotNull();
        assertThat(new String(traceParent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-").endsWith("-00");
    }

    @Test
    void theSagaApprovesOrRejectsAndOrderServiceSaysSo() {
        String approved = orderIdOf(post(ALICE_TWO_BOOKS, null));
        String rejected = orderIdOf(post(ALICE_TWO_BOOKS, null));

        probe.send(new ApproveOrderCommand(approved));
        probe.send(new RejectOrderCommand(rejected, "Out of stock: book"));

        probe.await(OrderApproved.class, approved);
        assertThat(probe.await(OrderRejected.class, rejected).reason()).isEqualTo("Out of stock: book");
        assertThat(mvc.get().uri("/api/orders/{id}", approved)).bodyJson()
                .extractingPath("$.status").isEqualTo("APPROVED");
        assertThat(mvc.get().uri("/api/orders/{id}", rejected)).bodyJson()
                .isLenientlyEqualTo("{\"status\": \"REJECTED\", \"rejectionReason\": \"Out of stock: book\"}");
    }

    @Test
    void orderEventsAreKeyedByTheOrderAndWithTheHotKeySwitchByTheCustomer() {
        String byOrder = orderIdOf(post(ALICE_TWO_BOOKS, null));
        probe.await(OrderPlaced.class, byOrder);
        assertThat(probe.records(Topics.ORDER_EVENTS, byOrder)).hasSize(1);

        faults.set(Switch.ORDERS_KEYED_BY_CUSTOMER, true);
        String byCustomer;
        try {
            byCustomer = orderIdOf(post(ALICE_TWO_BOOKS, null));
        } finally {
            faults.set(Switch.ORDERS_KEYED_BY_CUSTOMER, false);
        }
        // Switched off while the order is in flight: its end still goes under the key it was placed with.
        probe.send(new ApproveOrderCommand(byCustomer));
        probe.await(OrderApproved.class, byCustomer);

        // Placed and approved both under alice's key: one partition for all of her orders.
        assertThat(probe.records(Topics.ORDER_EVENTS, "alice"))
                .extracting(record -> new String(record.headers().lastHeader(Topics.TYPE_HEADER).value(),
                        StandardCharsets.UTF_8))
                .containsExactly("OrderPlaced", "OrderApproved");
        assertThat(probe.records(Topics.ORDER_EVENTS, byCustomer)).isEmpty();
    }

    @Test
    void theTimingsOfTheOrdersPlacedSinceAnInstantComeFromTheirOwnTimestamps() {
        Instant since = Instant.now();
        String approved = orderIdOf(post(ALICE_TWO_BOOKS, null));
        orderIdOf(post(ALICE_TWO_BOOKS, null));
        orderIdOf(post(CHOREOGRAPHED, null));
        probe.send(new ApproveOrderCommand(approved));
        probe.await(OrderApproved.class, approved);

        var timings = orderTimings.timings(since.toString());

        var orchestration = timings.styles().get("orchestration");
        assertThat(List.of(orchestration.placed(), orchestration.approved(), orchestration.rejected(),
                orchestration.pending())).containsExactly(2, 1, 0, 1);
        var row = jdbc.sql("select created_at, updated_at from orders where order_id = :id").param("id", approved)
                .query((rs, n) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
                        rs.getObject(2, OffsetDateTime.class)).toMillis()).single();
        assertThat(orchestration.placedToEnd()).isEqualTo(new OrderTimingsEndpoint.Latency(row, row, row, row));
        var choreography = timings.styles().get("choreography");
        assertThat(List.of(choreography.placed(), choreography.pending())).containsExactly(1, 1);
        assertThat(choreography.placedToEnd()).as("none ended yet").isNull();
        assertThatThrownBy(() -> orderTimings.timings("yesterday")).isInstanceOf(InvalidEndpointRequestException.class);
    }

    @Test
    void choreographedOrdersEndFromTheParticipantsEvents() {
        String paid = orderIdOf(post(CHOREOGRAPHED, null));
        String outOfStock = orderIdOf(post(CHOREOGRAPHED, null));
        String declined = orderIdOf(post(CHOREOGRAPHED, null));

        probe.send(new PaymentAuthorized(paid, "p-1", new BigDecimal("12.50")));
        probe.send(new StockRejected(outOfStock, "Out of stock: book"));
        probe.send(new PaymentDeclined(declined, "insufficient credit"));

        probe.await(OrderApproved.class, paid);
        probe.await(OrderRejected.class, outOfStock);
        // Declined, but the stock is not back yet: still PENDING, and no reason shown.
        assertThat(mvc.get().uri("/api/orders/{id}", declined)).bodyJson()
                .doesNotHavePath("$.rejectionReason")
                .extractingPath("$.status").isEqualTo("PENDING");

        probe.send(new StockReleased(declined));
        assertThat(probe.await(OrderRejected.class, declined).reason()).isEqualTo("insufficient credit");
        assertThat(mvc.get().uri("/api/orders/{id}", declined)).bodyJson()
                .isLenientlyEqualTo("{\"status\": \"REJECTED\", \"rejectionReason\": \"insufficient credit\", \"saga\": \"choreography\"}");
    }

    @Test
    void aChoreographedOrderThatHearsNothingBeforeItsDeadlineIsRejected() {
        String orderId = orderIdOf(post(CHOREOGRAPHED, null));

        // The test profile's deadline is 8 s; the participants compensate on this event.
        OrderRejected rejected = probe.await(OrderRejected.class, orderId);

        assertThat(rejected.reason()).isEqualTo("Timed out: no outcome within 8 s");
        assertThat(mvc.get().uri("/api/orders/{id}", orderId)).bodyJson()
                .extractingPath("$.status").isEqualTo("REJECTED");
    }

    @Test
    void orchestratedOrdersIgnoreTheParticipantsEvents() {
        String orchestrated = orderIdOf(post(ALICE_TWO_BOOKS, null));
        String marker = orderIdOf(post(CHOREOGRAPHED, null));

        probe.send(new PaymentAuthorized(orchestrated, "p-1", new BigDecimal("25.00")));
        probe.send(new PaymentAuthorized(marker, "p-2", new BigDecimal("12.50")));
        probe.await(OrderApproved.class, marker);

        assertThat(mvc.get().uri("/api/orders/{id}", orchestrated)).bodyJson()
                .extractingPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void anOrderThatEndedCannotBeEndedOtherwise() {
        String orderId = orderIdOf(post(ALICE_TWO_BOOKS, null));
        probe.send(new ApproveOrderCommand(orderId));
        probe.await(OrderApproved.class, orderId);

        probe.send(new RejectOrderCommand(orderId, "too late"));

        await().untilAsserted(() -> assertThat(probe.find(OrderApproved.class, orderId)).hasSize(2));
        assertThat(mvc.get().uri("/api/orders/{id}", orderId)).bodyJson()
                .extractingPath("$.status").isEqualTo("APPROVED");
    }

    @Test
    void whileTheRelayIsPausedEventsWaitInTheOutboxAndTheLagShows() {
        faults.set(Switch.OUTBOX_RELAY_PAUSED, true);
        String orderId;
        try {
            orderId = orderIdOf(post(ALICE_TWO_BOOKS, null));
            assertThat(meters.get("playground.outbox.pending").gauge().value()).isGreaterThanOrEqualTo(1);
            await().untilAsserted(() -> assertThat(meters.get("playground.outbox.lag").gauge().value()).isGreaterThan(0));
            assertThat(probe.find(OrderPlaced.class, orderId)).isEmpty();
        } finally {
            faults.set(Switch.OUTBOX_RELAY_PAUSED, false);
        }
        probe.await(OrderPlaced.class, orderId);
        await().untilAsserted(() -> assertThat(meters.get("playground.outbox.pending").gauge().value()).isZero());
        assertThat(meters.get("playground.outbox.lag").gauge().value()).isZero();
    }

    @Test
    void anOrderPlacedByTwoPhaseCommitEndsInTheAnswerWhereTheDatabaseCanPrepareAndIsRefusedWhereItCannot() {
        String twoPhase = ALICE_TWO_BOOKS.replace("orchestration", "two-phase-commit");
        if (!twoPhaseCommit.available()) {
            // H2: nothing is asked of the participants and nothing is stored.
            long orders = countOrders();
            assertThat(post(twoPhase, null)).hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .extractingPath("$.type").isEqualTo("urn:playground:problem:two-phase-commit-unavailable");
            assertThat(countOrders()).isEqualTo(orders);
            return;
        }
        MvcTestResult approved = post(twoPhase, null);
        assertThat(approved).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.status").isEqualTo("APPROVED");
        assertThat(inventory.twoPhaseCallsFor(orderIdOf(approved))).containsExactly(
                "POST /internal/two-phase-commit/reservations", "POST /internal/two-phase-commit/charges",
                "POST /internal/two-phase-commit/reservations/commit", "POST /internal/two-phase-commit/charges/commit");
        assertThat(probe.await(OrderPlaced.class, orderIdOf(approved)).saga()).isEqualTo(SagaStyle.TWO_PHASE_COMMIT);
        probe.await(OrderApproved.class, orderIdOf(approved));

        // payment-service votes no for bob: both are told to roll back (inventory had prepared), the order is REJECTED.
        MvcTestResult declined = post(twoPhase.replace("alice", "bob"), null);
        assertThat(declined).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.status").isEqualTo("REJECTED");
        assertThat(inventory.twoPhaseCallsFor(orderIdOf(declined))).containsExactly(
                "POST /internal/two-phase-commit/reservations", "POST /internal/two-phase-commit/charges",
                "POST /internal/two-phase-commit/reservations/rollback", "POST /internal/two-phase-commit/charges/rollback");
        assertThat(probe.await(OrderRejected.class, orderIdOf(declined)).reason()).contains("payment-service voted no");

        // payment-service fails for carol: it cannot vote, which is a no.
        MvcTestResult failed = post(twoPhase.replace("alice", "carol"), null);
        assertThat(failed).bodyJson().extractingPath("$.status").isEqualTo("REJECTED");
        assertThat(probe.await(OrderRejected.class, orderIdOf(failed)).reason()).contains("payment-service could not vote");
        assertThat(inventory.twoPhaseCallsFor(orderIdOf(failed))).contains(
                "POST /internal/two-phase-commit/reservations/rollback", "POST /internal/two-phase-commit/charges/rollback");
    }

    @Test
    void aTransactionAParticipantHoldsPreparedForAnEndedOrderIsToldItsOutcomeByRecovery() {
        Assumptions.assumeTrue(twoPhaseCommit.available(), "two-phase commit runs on PostgreSQL only");
        MvcTestResult rejected = post(ALICE_TWO_BOOKS.replace("orchestration", "two-phase-commit").replace("alice", "bob"), null);
        String orderId = orderIdOf(rejected);
        String unknown = UUID.randomUUID().toString();
        // A vote that came after the rollback was sent, and one for an order nobody here knows.
        inventory.heldPrepared.addAll(List.of(orderId, unknown));
        try {
            await().untilAsserted(() -> assertThat(inventory.twoPhaseCallsFor(unknown)).contains(
                    "POST /internal/two-phase-commit/reservations/rollback", "POST /internal/two-phase-commit/charges/rollback"));
            assertThat(inventory.twoPhaseCallsFor(orderId)).filteredOn(call -> call.endsWith("/rollback")).hasSizeGreaterThan(2);
        } finally {
            inventory.heldPrepared.clear();
        }
    }

    @Test
    void anOrderWhoseCoordinatorDiedBeforeDecidingIsAbortedByRecovery() {
        Assumptions.assumeTrue(twoPhaseCommit.available(), "two-phase commit runs on PostgreSQL only");
        // What a killed coordinator leaves: the order PENDING, its log PREPARING, nobody deciding it.
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime earlier = OffsetDateTime.now().minusSeconds(30);
        jdbc.sql("insert into orders (order_id, customer_id, total, status, saga_style, created_at, updated_at, event_key)"
                        + " values (:id, 'alice', 25.00, 'PENDING', 'TWO_PHASE_COMMIT', :at, :at, :id)")
                .param("id", orderId).param("at", earlier).update();
        jdbc.sql("insert into two_phase_commit (order_id, state, started_at, updated_at) values (:id, 'PREPARING', :at, :at)")
                .param("id", orderId).param("at", earlier).update();

        assertThat(probe.await(OrderRejected.class, orderId).reason()).contains("aborted on recovery");
        await().untilAsserted(() -> assertThat(inventory.twoPhaseCallsFor(orderId)).containsExactly(
                "POST /internal/two-phase-commit/reservations/rollback", "POST /internal/two-phase-commit/charges/rollback"));
        assertThat(jdbc.sql("select state from two_phase_commit where order_id = :id").param("id", orderId)
                .query(String.class).single()).isEqualTo("ABORTED");
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameOrder() {
        MvcTestResult first = post(ALICE_TWO_BOOKS, "key-same-body");
        long orders = countOrders();

        MvcTestResult again = post(ALICE_TWO_BOOKS, "key-same-body");

        assertThat(again).hasStatus(HttpStatus.CREATED);
        assertThat(orderIdOf(again)).isEqualTo(orderIdOf(first));
        assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(countOrders()).isEqualTo(orders);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        post(ALICE_TWO_BOOKS, "key-other-body");
        long orders = countOrders();

        MvcTestResult other = post(ALICE_TWO_BOOKS.replace("\"quantity\": 2", "\"quantity\": 3"), "key-other-body");

        assertThat(other).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:idempotency-key-reused");
        assertThat(countOrders()).isEqualTo(orders);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON      | 400 | malformed-request   | {"customerId": "alice", "items": [
            missing customer    | 400 | validation-failed   | {"items": [{"sku": "book", "quantity": 1}]}
            no items            | 400 | validation-failed   | {"customerId": "alice", "items": []}
            zero quantity       | 400 | validation-failed   | {"customerId": "alice", "items": [{"sku": "book", "quantity": 0}]}
            negative quantity   | 400 | validation-failed   | {"customerId": "alice", "items": [{"sku": "book", "quantity": -2}]}
            quantity not number | 400 | malformed-request   | {"customerId": "alice", "items": [{"sku": "book", "quantity": "two"}]}
            fractional quantity | 400 | malformed-request   | {"customerId": "alice", "items": [{"sku": "book", "quantity": 1.5}]}
            quantity as text    | 400 | malformed-request   | {"customerId": "alice", "items": [{"sku": "book", "quantity": "2"}]}
            customer id number  | 400 | malformed-request   | {"customerId": 7, "items": [{"sku": "book", "quantity": 1}]}
            unknown property    | 400 | malformed-request   | {"customerId": "alice", "sagaStyle": "choreography", "items": [{"sku": "book", "quantity": 1}]}
            property twice      | 400 | malformed-request   | {"customerId": "bob", "customerId": "alice", "items": [{"sku": "book", "quantity": 1}]}
            trailing content    | 400 | malformed-request   | {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}]} {}
            SKU with a path     | 400 | validation-failed   | {"customerId": "alice", "items": [{"sku": "../../etc/passwd", "quantity": 1}]}
            customer id unsafe  | 400 | validation-failed   | {"customerId": "alice/../bob", "items": [{"sku": "book", "quantity": 1}]}
            repeated SKU        | 400 | duplicate-sku       | {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}, {"sku": "pen", "quantity": 1}]}
            unknown saga style  | 400 | unknown-saga-style  | {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}], "saga": "telepathy"}
            unknown SKU         | 422 | unknown-sku         | {"customerId": "alice", "items": [{"sku": "unicorn", "quantity": 1}]}
            unknown customer    | 422 | unknown-customer    | {"customerId": "mallory", "items": [{"sku": "book", "quantity": 1}]}
            inventory failing   | 503 | dependency-unavailable | {"customerId": "alice", "items": [{"sku": "flaky", "quantity": 1}]}
            """)
    void badInputIsAProblemAndStoresNothing(String what, int status, String type, String body) {
        long orders = countOrders();
        long outbox = countOutbox();

        assertThat(post(body, null)).hasStatus(status).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:" + type);

        assertThat(countOrders()).isEqualTo(orders);
        assertThat(countOutbox()).isEqualTo(outbox);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        long orders = countOrders();
        String huge = "{\"customerId\": \"alice\", \"padding\": \"" + "x".repeat(20_000) + "\", \"items\": []}";

        assertThat(post(huge, null)).hasStatus(HttpStatus.CONTENT_TOO_LARGE).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:request-too-large");
        assertThat(countOrders()).isEqualTo(orders);
    }

    @Test
    void aBrokenInventoryDependencyIsRetriedThenAClearProblemAndStoresNothing() {
        long before = jdbc.sql("select count(*) from orders").query(Long.class).single();
        var retry = retries.retry("inventory-service").getMetrics();
        long retriedBefore = retry.getNumberOfFailedCallsWithRetryAttempt();
        faults.set(new Fault("inventory-service", 0, 0, 1.0, false));

        assertThat(post(ALICE_TWO_BOOKS, null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:dependency-unavailable");
        assertThat(retry.getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(retriedBefore + 1);
        assertThat(breakers.circuitBreaker("inventory-service").getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(before);

        faults.healAll();
        assertThat(post(ALICE_TWO_BOOKS, null)).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void withTheDistributedMonolithOnPlacingAnOrderWaitsForPaymentServiceAndFailsWithIt() {
        String bobTwoBooks = ALICE_TWO_BOOKS.replace("alice", "bob");
        assertThat(post(bobTwoBooks, null)).as("off: payment-service is not asked").hasStatus(HttpStatus.CREATED);
        faults.set(Switch.DISTRIBUTED_MONOLITH, true);
        try {
            long orders = countOrders();
            long outbox = countOutbox();
            // The stub gives bob 5.00 of credit: the order's 25.00 is refused at the door, before anything is stored.
            assertThat(post(bobTwoBooks, null)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT).bodyJson()
                    .extractingPath("$.type").isEqualTo("urn:playground:problem:insufficient-credit");
            faults.set(new Fault("payment-service", 0, 0, 1.0, false));
            assertThat(post(ALICE_TWO_BOOKS, null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).bodyJson()
                    .extractingPath("$.detail").asString().contains("payment-service could not be asked about alice's credit");
            assertThat(countOrders()).isEqualTo(orders);
            assertThat(countOutbox()).isEqualTo(outbox);

            faults.healAll();
            faults.set(Switch.DISTRIBUTED_MONOLITH, true);
            assertThat(post(ALICE_TWO_BOOKS, null)).as("payment-service well again").hasStatus(HttpStatus.CREATED);
        } finally {
            faults.healAll();
        }
    }

    @Test
    void aBreakerOpensOnRepeatedFailuresAnswersAtOnceWhileOpenAndClosesOnceInventoryIsWell() {
        var breaker = breakers.circuitBreaker("inventory-service");
        faults.set(new Fault("inventory-service", 0, 0, 1.0, false));
        post(ALICE_TWO_BOOKS, null);
        post(ALICE_TWO_BOOKS, null);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // Open: inventory-service is not even asked, so healing it changes nothing yet.
        faults.healAll();
        assertThat(post(ALICE_TWO_BOOKS, null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).bodyJson()
                .extractingPath("$.detail").asString().contains("circuit breaker is open");

        // After the open wait (1 s in tests) trial calls go through, and succeed.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 3; i++) {
            assertThat(post(ALICE_TWO_BOOKS, null)).hasStatus(HttpStatus.CREATED);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aBrokenApiAnswersAnInjectedFaultProblem() {
        faults.set(new Fault("inbound", 0, 0, 1.0, false));
        try {
            assertThat(mvc.get().uri("/api/orders/{id}", "no-such-order")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                    .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:injected-fault");
        } finally {
            faults.healAll();
        }
        assertThat(mvc.get().uri("/api/orders/{id}", "no-such-order")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void theDetailsOfAnOrderComposeItsPaymentsAndReservations() throws Exception {
        String orderId = orderIdOf(post(ALICE_TWO_BOOKS, null));

        var details = assertThat(mvc.get().uri("/api/orders/{id}/details", orderId)).hasStatusOk().bodyJson();
        details.extractingPath("$.order.orderId").isEqualTo(orderId);
        details.extractingPath("$.payments.available").isEqualTo(true);
        details.extractingPath("$.payments.items[0].status").isEqualTo("AUTHORIZED");
        details.extractingPath("$.reservations.available").isEqualTo(true);
        details.extractingPath("$.reservations.items[0].status").isEqualTo("RESERVED");
        // Amounts are decimals end to end: passed through as written, not turned into doubles.
        assertThat(mvc.get().uri("/api/orders/{id}/details", orderId).exchange().getResponse().getContentAsString())
                .contains("\"amount\":25.00");
    }

    @Test
    void aSlowPaymentServiceLeavesThePaymentPartUnavailableAndTheRestAnswered() {
        String orderId = orderIdOf(post(ALICE_TWO_BOOKS, null));
        faults.set(new Fault("payment-service", 3000, 3000, 0, false));

        var details = assertThat(mvc.get().uri("/api/orders/{id}/details", orderId)).hasStatusOk().bodyJson();
        details.extractingPath("$.payments.available").isEqualTo(false);
        details.extractingPath("$.payments.unavailableBecause").asString().contains("time limit");
        details.extractingPath("$.reservations.available").isEqualTo(true);
        details.extractingPath("$.order.status").isEqualTo("PENDING");
    }

    @Test
    void theDetailsOfAnUnknownOrderAreNotFound() {
        assertThat(mvc.get().uri("/api/orders/{id}/details", "no-such-order")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(mvc.get().uri("/api/orders/{id}", "no-such-order")).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:order-not-found");
    }

    MvcTestResult post(String body, String idempotencyKey) {
        var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    String orderIdOf(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray()).get("orderId").asString();
    }

    private long countOrders() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }

    private long countOutbox() {
        // OrderPlaced only: the choreography deadline may reject an earlier test's order meanwhile.
        return jdbc.sql("select count(*) from outbox_message where message_type = 'OrderPlaced'").query(Long.class).single();
    }

    /** docs/api/order-service.json, which the gateway's Swagger UI serves, is what its controllers describe now. */
    @Test
    void itsApiDescriptionIsTheOneTheGatewayServes(@Autowired WebApplicationContext context) throws Exception {
        ApiDescriptions.assertCurrent(context, "order-service");
    }
}
