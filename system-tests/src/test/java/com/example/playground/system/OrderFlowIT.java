package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.supervisor.DeadLetterReplay;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The README's three orders, in both saga styles, placed through the gateway of the real stack
 * (real Kafka, Eureka, Zipkin, every service its own JVM), each followed to its end state, with
 * stock and payments checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderFlowIT {

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestration", "choreography"})
    @Order(1)
    void aliceBuyingTwoBooksIsApprovedAndPaid(String saga) {
        int booksBefore = available("book");

        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 2}], "saga": "%s"}""".formatted(saga));

        JsonNode order = awaitEnd(orderId);
        assertThat(order.get("status").asString()).isEqualTo("APPROVED");
        assertThat(order.get("saga").asString()).isEqualTo(saga);
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(available("book")).isEqualTo(booksBefore - 2);
        JsonNode payments = stack.get("/api/payments?orderId=" + orderId).body();
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(payments.get(0).get("amount").decimalValue()).isEqualByComparingTo("25.00");
        JsonNode sagaView = awaitSaga(orderId, "COMPLETED");
        assertThat(sagaView.get("style").asString()).isEqualTo(saga);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestration", "choreography"})
    @Order(2)
    void bobIsDeclinedAndHisStockIsGivenBack(String saga) {
        JsonNode booksBefore = stack.get("/api/inventory/book").body();

        String orderId = place("""
                {"customerId": "bob", "items": [{"sku": "book", "quantity": 2}], "saga": "%s"}""".formatted(saga));

        JsonNode order = awaitEnd(orderId);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asString()).contains("insufficient credit");
        JsonNode booksAfter = stack.get("/api/inventory/book").body();
        assertThat(booksAfter.get("available").asInt()).isEqualTo(booksBefore.get("available").asInt());
        assertThat(booksAfter.get("reserved").asInt()).isEqualTo(booksBefore.get("reserved").asInt());
        JsonNode payments = stack.get("/api/payments?orderId=" + orderId).body();
        assertThat(payments).allSatisfy(payment -> assertThat(payment.get("status").asString()).isEqualTo("DECLINED"));
        JsonNode sagaView = awaitSaga(orderId, "ROLLED_BACK");
        assertThat(sagaView.get("steps").findValuesAsString("outcome")).contains("FAILED", "COMPENSATED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestration", "choreography"})
    @Order(3)
    void aRareCoinIsOutOfStockAndNothingIsCharged(String saga) {
        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "rare-coin", "quantity": 1}], "saga": "%s"}""".formatted(saga));

        JsonNode order = awaitEnd(orderId);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asString()).contains("Out of stock");
        assertThat(stack.get("/api/payments?orderId=" + orderId).body()).isEmpty();
        assertThat(available("rare-coin")).isZero();
    }

    @Test
    @Order(4)
    void badInputIsAProblemThroughTheGatewayToo() {
        RunningStack.Response response = stack.post("/api/orders", """
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 0}]}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().get("type").asString()).isEqualTo("urn:playground:problem:validation-failed");
        assertThat(stack.get("/api/orders/no-such-order").status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void anOrderPlacedWhilePaymentIsDownEndsOnceItIsBack() {
        stack.supervisor.kill("payment-service");
        assertThat(stack.supervisor.status()).filteredOn(s -> s.component().name().equals("payment-service"))
                .singleElement().satisfies(s -> assertThat(s.up()).isFalse());

        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}]}""");
        // The command waits in Kafka; nothing is lost while its consumer is away.
        assertThat(stack.get("/api/orders/" + orderId).body().get("status").asString()).isEqualTo("PENDING");

        stack.supervisor.restart("payment-service", Duration.ofMinutes(3));
        assertThat(stack.supervisor.status()).allSatisfy(s -> assertThat(s.up()).as(s.component().name()).isTrue());
        assertThat(awaitEnd(orderId).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    @Order(6)
    void anEventCommittedButNotYetPublishedSurvivesACrash() {
        // The relay is paused: the order and its OrderPlaced are committed, the event is not sent.
        stack.supervisor.management().setSwitch("order-service", "outbox-relay-paused", true);
        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}]}""");
        stack.supervisor.kill("order-service");

        // A new process starts with every switch off; the relay finds the row and sends it.
        stack.supervisor.restart("order-service", Duration.ofMinutes(3));
        assertThat(awaitEnd(orderId).get("status").asString()).isEqualTo("APPROVED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestration", "choreography"})
    @Order(7)
    void paymentDownPastTheDeadlineThenBackLeavesTheOrderRejectedAndNothingCharged(String saga) {
        BigDecimal credit = aliceCredit();
        JsonNode pensBefore = stack.get("/api/inventory/pen").body();
        stack.supervisor.kill("payment-service");

        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 2}], "saga": "%s"}""".formatted(saga));
        // Past the deadline (20 s in this stack) the saga gives up on payment and compensates.
        awaitTimedOut(orderId);

        stack.supervisor.restart("payment-service", Duration.ofMinutes(3));

        JsonNode order = awaitEnd(orderId);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asString()).startsWith("Timed out");
        // Whatever payment did when it came back (charge, then refund; or nothing), nothing stays charged.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.get("/api/payments?orderId=" + orderId).body())
                    .noneSatisfy(payment -> assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED"));
            assertThat(aliceCredit()).isEqualByComparingTo(credit);
            JsonNode pensAfter = stack.get("/api/inventory/pen").body();
            assertThat(pensAfter.get("available").asInt()).isEqualTo(pensBefore.get("available").asInt());
            assertThat(pensAfter.get("reserved").asInt()).isEqualTo(pensBefore.get("reserved").asInt());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestration", "choreography"})
    @Order(8)
    void aPaymentStepThatKeepsFailingIsParkedAndTheOrderRejected(String saga) {
        BigDecimal credit = aliceCredit();
        JsonNode pensBefore = stack.get("/api/inventory/pen").body();
        // Payment-service's listener fails every delivery it gets for this saga's payment step.
        String topic = saga.equals("orchestration") ? "payment.commands" : "inventory.events";
        stack.supervisor.management().breakTarget("payment-service", topic, Map.of("error-rate", 1));
        String orderId;
        try {
            orderId = place("""
                    {"customerId": "alice", "items": [{"sku": "pen", "quantity": 2}], "saga": "%s"}""".formatted(saga));

            // Bounded retries, then the message is parked where a learner can see it and why.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(stack.json(stack.supervisor.management().deadLetters("payment-service")).path(topic + ".dlt")
                            .path("latest").findValuesAsString("key")).contains(orderId));
            // Past the deadline the saga gives up on payment and compensates what did happen.
            awaitTimedOut(orderId);
        } finally {
            stack.supervisor.management().heal("payment-service");
        }
        // Healed: the compensations that were parked too are asked for again, and the order ends.
        JsonNode order = awaitEnd(orderId);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asString()).startsWith("Timed out");
        // ./playground dead-letters replay payment-service --topic T: what was parked for this order is
        // refused, since its saga was compensated; replayed, the payment step would act after the undo.
        List<DeadLetterReplay.Decision> decisions = new DeadLetterReplay(stack.supervisor.management(),
                stack.supervisor.stack(), System.out).replay("payment-service", topic);
        assertThat(decisions).filteredOn(decision -> orderId.equals(decision.orderId())).isNotEmpty()
                .allSatisfy(decision -> assertThat(decision.replayed()).as(decision.reason()).isFalse());
        assertThat(stack.supervisor.management().waitingDeadLetters("payment-service", topic)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pensAfter = stack.get("/api/inventory/pen").body();
            assertThat(pensAfter.get("available").asInt()).isEqualTo(pensBefore.get("available").asInt());
            assertThat(pensAfter.get("reserved").asInt()).isEqualTo(pensBefore.get("reserved").asInt());
        });
        assertThat(stack.get("/api/payments?orderId=" + orderId).body())
                .noneSatisfy(payment -> assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED"));
        assertThat(aliceCredit()).isEqualByComparingTo(credit);
        // The listener went on consuming: the next order goes through.
        assertThat(awaitEnd(place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}], "saga": "%s"}""".formatted(saga)))
                .get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    @Order(9)
    void aRedeliveredPaymentCommandDoesNotChargeTwiceUnlessTheIdempotencyCheckIsOff() {
        String orderId = place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}], "saga": "orchestration"}""");
        assertThat(awaitEnd(orderId).get("status").asString()).isEqualTo("APPROVED");
        BigDecimal credit = aliceCredit();
        Management management = stack.supervisor.management();

        // ./playground redeliver payment-service --topic payment.commands --last
        Object again = management.redeliver("payment-service", Map.of("topic", "payment.commands", "last", true));

        assertThat(Json.text(again, "orderId")).isEqualTo(orderId);
        assertThat(Json.text(again, "messageType")).isEqualTo("AuthorizePaymentCommand");
        assertThat(Json.text(again, "consumed")).isEqualTo("true");
        assertThat(Json.text(again, "skippedAsDuplicate")).isEqualTo("true");
        assertThat(stack.get("/api/payments?orderId=" + orderId).body()).singleElement()
                .satisfies(payment -> assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED"));
        assertThat(aliceCredit()).isEqualByComparingTo(credit);

        // The anti-pattern switched on: the same message, delivered once more, charges again.
        management.setSwitch("payment-service", "consume-without-idempotency", true);
        try {
            Object twice = management.redeliver("payment-service", Map.of("topic", "payment.commands", "last", true));
            assertThat(Json.text(twice, "messageId")).isEqualTo(Json.text(again, "messageId"));
            assertThat(Json.text(twice, "skippedAsDuplicate")).isEqualTo("false");
        } finally {
            management.heal("payment-service");
        }
        assertThat(stack.get("/api/payments?orderId=" + orderId).body()).hasSize(2);
        assertThat(aliceCredit()).isEqualByComparingTo(credit.subtract(new BigDecimal("1.20")));
    }

    @Test
    @Order(10)
    void everyManagementPortServesPrometheusWithTheResilienceSagaAndOutboxFigures() {
        String orders = stack.supervisor.management().get("order-service", "/actuator/prometheus");
        assertThat(orders).contains("resilience4j_circuitbreaker_state{", "name=\"inventory-service\"",
                "resilience4j_retry_calls_total{", "resilience4j_bulkhead_", "playground_outbox_lag_seconds");
        String sagas = stack.supervisor.management().get("saga-orchestrator", "/actuator/prometheus");
        assertThat(sagas).contains("playground_saga_duration_seconds_count{outcome=\"completed\",style=\"orchestration\"}",
                "playground_saga_duration_seconds_count{outcome=\"rolled_back\",style=\"choreography\"}");
        int gatewayManagement = stack.supervisor.stack().component("gateway").managementPort();
        assertThat(stack.getAbsolute("http://127.0.0.1:" + gatewayManagement + "/actuator/prometheus"))
                .contains("resilience4j_circuitbreaker_state{", "name=\"payment-service\"");
    }

    /** Orchestration writes the time-out in the saga's history; choreography rejects the order. */
    private static void awaitTimedOut(String orderId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                stack.get("/api/sagas/" + orderId).body().get("steps").findValuesAsString("detail").stream()
                        .anyMatch(detail -> detail != null && detail.startsWith("Timed out"))
                || stack.get("/api/orders/" + orderId).body().get("status").asString().equals("REJECTED"));
    }

    private static BigDecimal aliceCredit() {
        return stack.get("/api/payments/customers/alice").body().get("credit").decimalValue();
    }

    private static String place(String body) {
        RunningStack.Response response = stack.post("/api/orders", body);
        assertThat(response.status()).as("POST /api/orders answered %s", response.body()).isEqualTo(201);
        String orderId = response.body().get("orderId").asString();
        assertThat(response.raw().headers().firstValue("Location")).contains("/api/orders/" + orderId);
        return orderId;
    }

    private static JsonNode awaitEnd(String orderId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.get("/api/orders/" + orderId).body(),
                        order -> !order.get("status").asString().equals("PENDING"));
    }

    /** The saga view is written from the same events, a moment after the order's own state. */
    private static JsonNode awaitSaga(String orderId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.get("/api/sagas/" + orderId), saga -> saga.status() == 200
                        && saga.body().get("state").asString().equals(state)).body();
    }

    private static int available(String sku) {
        return stack.get("/api/inventory/" + sku).body().get("available").asInt();
    }

}
