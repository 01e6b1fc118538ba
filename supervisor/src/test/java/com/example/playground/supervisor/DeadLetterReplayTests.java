package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component.Kind;
import com.example.playground.testing.StubServer;
import com.example.playground.testing.StubServer.Request;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replaying dead letters: each parked message is put back only while its order's saga still runs,
 * and refused, with the reason, once the saga compensates or has ended. One stub plays both the
 * service's management port and the gateway.
 */
class DeadLetterReplayTests {

    final StubServer stub = new StubServer();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    final Stack stack = new Stack(0, List.of(
            new Component("payment-service", Kind.SERVICE, 1, stub.port(), "32m", null),
            new Component("gateway", Kind.GATEWAY, stub.port(), 2, "32m", null)));
    final Management management = new Management(stack, c -> true, out);
    final DeadLetterReplay replay = new DeadLetterReplay(management, stack, out);

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aMessageIsReplayedOnlyWhileItsSagaRunsAndRefusedOnceItWasCompensated() {
        stub.answer("GET /actuator/replay", 200, """
                [{"topic":"payment.commands","partition":0,"offset":3,"orderId":"o-running","messageType":"AuthorizePaymentCommand"},
                 {"topic":"payment.commands","partition":0,"offset":4,"orderId":"o-refunded","messageType":"AuthorizePaymentCommand"},
                 {"topic":"payment.commands","partition":0,"offset":5,"orderId":"o-done","messageType":"AuthorizePaymentCommand"},
                 {"topic":"payment.commands","partition":0,"offset":6,"orderId":null,"messageType":null}]""");
        stub.answer("GET /api/orders/o-running", 200, "{\"status\":\"PENDING\"}");
        stub.answer("GET /api/sagas/o-running", 200, "{\"state\":\"RUNNING\"}");
        stub.answer("GET /api/orders/o-refunded", 200, "{\"status\":\"REJECTED\"}");
        stub.answer("GET /api/sagas/o-refunded", 200, "{\"state\":\"ROLLED_BACK\"}");
        stub.answer("GET /api/orders/o-done", 200, "{\"status\":\"APPROVED\"}");
        stub.answer("GET /api/sagas/o-done", 200, "{\"state\":\"COMPLETED\"}");
        stub.answer("POST /actuator/replay", 200, "{\"replayed\":true,\"sentToPartition\":2,\"sentToOffset\":17}");

        List<DeadLetterReplay.Decision> decisions = replay.replay("payment-service", null);

        assertThat(decisions).extracting(DeadLetterReplay.Decision::orderId, DeadLetterReplay.Decision::replayed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o-running", true),
                        org.assertj.core.groups.Tuple.tuple("o-refunded", false),
                        org.assertj.core.groups.Tuple.tuple("o-done", false),
                        org.assertj.core.groups.Tuple.tuple(null, false));
        assertThat(stub.requests()).filteredOn(r -> r.method().equals("POST")).extracting(r -> Json.parse(r.body()))
                .containsExactly(
                        Map.of("topic", "payment.commands", "partition", 0, "offset", 3, "replay", true),
                        Map.of("topic", "payment.commands", "partition", 0, "offset", 4, "replay", false),
                        Map.of("topic", "payment.commands", "partition", 0, "offset", 5, "replay", false),
                        Map.of("topic", "payment.commands", "partition", 0, "offset", 6, "replay", false));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "payment.commands.dlt offset 3: AuthorizePaymentCommand of order o-running REPLAYED onto payment.commands"
                        + " (partition 2, offset 17): order PENDING, its saga RUNNING",
                "offset 4: AuthorizePaymentCommand of order o-refunded REFUSED: its saga is ROLLED_BACK (order REJECTED):"
                        + " replayed now, it would act after the compensation",
                "o-done REFUSED: its saga has COMPLETED",
                "offset 6: a message of no known type without an order id REFUSED: it has no order id",
                "payment-service: 1 replayed, 3 refused.");
    }

    @Test
    void anOrderWithoutASagaYetIsReplayedWhileItIsPendingAndAnUnknownOneIsRefused() {
        stub.answer("GET /actuator/replay", 200, """
                [{"topic":"orders.events","partition":0,"offset":0,"orderId":"o-new","messageType":"OrderPlaced"},
                 {"topic":"orders.events","partition":0,"offset":1,"orderId":"o-nobody","messageType":"OrderPlaced"}]""");
        stub.answer("GET /api/orders/o-new", 200, "{\"status\":\"PENDING\"}");
        stub.answer("GET /api/sagas/o-new", 404, "{\"type\":\"urn:playground:problem:saga-not-found\"}");
        stub.answer("GET /api/orders/o-nobody", 404, "{\"type\":\"urn:playground:problem:order-not-found\"}");
        stub.answer("POST /actuator/replay", 200, "{\"replayed\":true,\"sentToPartition\":0,\"sentToOffset\":8}");

        assertThat(replay.replay("payment-service", "orders.events")).extracting(DeadLetterReplay.Decision::replayed)
                .containsExactly(true, false);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("its saga not started yet",
                "REFUSED: no order 'o-nobody' is known", "1 replayed, 1 refused on orders.events.dlt.");
        assertThat(stub.requests()).extracting(Request::path).contains("/actuator/replay?topic=orders.events");
    }

    @Test
    void whenTheGatewayCannotSayNothingIsDecided() {
        stub.answer("GET /actuator/replay", 200, """
                [{"topic":"payment.commands","partition":0,"offset":3,"orderId":"o-1","messageType":"AuthorizePaymentCommand"}]""");
        stub.answer("GET /api/orders/o-1", 503, "{\"type\":\"urn:playground:problem:service-unavailable\"}");

        assertThatThrownBy(() -> replay.replay("payment-service", null))
                .hasMessageContaining("Could not check the saga through the gateway (GET /api/orders/o-1: HTTP 503)");
        assertThat(stub.requests()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void nothingWaitingIsSaidSo() {
        stub.answer("GET /actuator/replay", 200, "[]");

        assertThat(replay.replay("payment-service", null)).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("payment-service: no parked message waits.");
    }
}
