package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component.Kind;
import com.example.playground.testing.StubServer;
import com.example.playground.testing.StubServer.Request;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the supervisor sends to a service's management port, and how it reads the answers. */
class ManagementTests {

    final StubServer service = new StubServer();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final Stack stack = new Stack(0, List.of(
            new Component("payment-service", Kind.SERVICE, 1, service.port(), "32m", null),
            new Component("inventory-service", Kind.SERVICE, 2, 3, "32m", null),
            new Component("gateway", Kind.GATEWAY, 4, 5, "32m", null)));
    final Management management = new Management(stack, c -> !c.name().equals("inventory-service"),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void breakingATargetPassesTheSettingsOnByNameAndSaysWhatTheServiceDid() {
        service.answer("POST /actuator/faults/payment-provider", 200,
                "{\"settings\":{\"error-rate\":\"0.5\"},\"description\":\"fails 50 % of calls\"}");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("error-rate", "0.5");
        settings.put("latency", "100-300");

        management.breakTarget("payment-service", "payment-provider", settings);

        Request sent = service.requests().get(0);
        assertThat(Json.parse(sent.body())).isEqualTo(Map.of("error-rate", "0.5", "latency", "100-300"));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("payment-service: payment-provider is broken: fails 50 % of calls");
    }

    @Test
    void whatTheServiceRefusesIsAUsageErrorWithItsReason() {
        service.answer("POST /actuator/faults/inbound", 400,
                "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"No fault kind 'slow'; known: latency\"}");

        assertThatThrownBy(() -> management.breakTarget("payment-service", "inbound", Map.of("slow", "true")))
                .isInstanceOf(PlaygroundException.class)
                .hasMessage("payment-service refused 'inbound' (HTTP 400): No fault kind 'slow'; known: latency")
                .satisfies(e -> assertThat(((PlaygroundException) e).exitCode()).isEqualTo(PlaygroundException.USAGE));
    }

    @Test
    void aSwitchIsSetThroughTheSameEndpointAndHealResetsEverything() {
        service.answer("POST /actuator/faults/outbox-relay-paused", 200, "{\"kind\":\"fault\",\"on\":true}");
        service.answer("DELETE /actuator/faults", 200, "{\"broken\":{}}");

        management.setSwitch("payment-service", "outbox-relay-paused", true);
        management.heal("payment-service");

        assertThat(service.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/actuator/faults/outbox-relay-paused"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/actuator/faults"));
        assertThat(Json.parse(service.requests().get(0).body())).isEqualTo(Map.of("on", true));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("outbox-relay-paused is ON",
                "every fault healed, every switch off");
    }

    @Test
    void readsBreakerStatesMetricsAndWhatIsBroken() {
        service.answer("GET /actuator/circuitbreakers", 200,
                "{\"circuitBreakers\":{\"payment-provider\":{\"failureRate\":\"-1.0%\",\"state\":\"HALF_OPEN\"}}}");
        service.answer("GET /actuator/metrics/resilience4j.retry.calls", 200,
                "{\"name\":\"resilience4j.retry.calls\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":7.0}]}");
        service.answer("GET /actuator/faults", 200, "{\"broken\":{\"inbound\":\"hangs until healed\"},\"targets\":{}}");

        assertThat(management.breakerState("payment-service", "payment-provider")).isEqualTo("HALF_OPEN");
        assertThat(management.breakerState("payment-service", "nothing-like-it")).isEqualTo("UNKNOWN");
        assertThat(management.metric("payment-service", "resilience4j.retry.calls",
                Map.of("kind", "successful_with_retry"))).isEqualTo(7.0);
        assertThat(service.requests().get(service.requests().size() - 1).path())
                .isEqualTo("/actuator/metrics/resilience4j.retry.calls?tag=kind%3Asuccessful_with_retry");
        assertThat(management.broken("payment-service")).containsExactly(Map.entry("inbound", "hangs until healed"));
    }

    @Test
    void aRedeliveryPassesTheChoiceOnAndReturnsTheServicesAccount() {
        service.answer("POST /actuator/redelivery", 200,
                "{\"orderId\":\"o-1\",\"consumed\":true,\"skippedAsDuplicate\":true}");

        Object answer = management.redeliver("payment-service", Map.of("topic", "payment.commands", "last", true));

        assertThat(Json.parse(service.requests().get(0).body())).isEqualTo(Map.of("topic", "payment.commands", "last", true));
        assertThat(Json.text(answer, "skippedAsDuplicate")).isEqualTo("true");
    }

    @Test
    void aProblemTheServiceAnswersIsSaidPlainlyWithItsType() {
        service.answer("POST /actuator/redelivery", 404, """
                {"type":"urn:playground:problem:nothing-consumed","title":"Nothing consumed yet","status":404,
                 "detail":"Group payment-service has consumed nothing on payment.events yet"}""");
        service.answer("GET /actuator/replay", 400, """
                {"type":"urn:playground:problem:unknown-topic","status":400,"detail":"This service reads payment.commands; not 'x'"}""");

        assertThatThrownBy(() -> management.redeliver("payment-service", Map.of("topic", "payment.events", "last", true)))
                .hasMessage("payment-service refused (HTTP 404): Group payment-service has consumed nothing on"
                        + " payment.events yet [urn:playground:problem:nothing-consumed]")
                .satisfies(e -> assertThat(((PlaygroundException) e).exitCode()).isEqualTo(PlaygroundException.FAILED));
        assertThatThrownBy(() -> management.waitingDeadLetters("payment-service", "x"))
                .hasMessageContaining("This service reads payment.commands; not 'x' [urn:playground:problem:unknown-topic]")
                .satisfies(e -> assertThat(((PlaygroundException) e).exitCode()).isEqualTo(PlaygroundException.USAGE));
    }

    @Test
    void onlyRunningServicesCanBeAsked() {
        assertThatThrownBy(() -> management.heal("inventory-service")).hasMessage("inventory-service is not running.");
        assertThatThrownBy(() -> management.faults("gateway")).hasMessageContaining("the services can: payment-service");
        assertThat(service.requests()).isEmpty();
    }
}
