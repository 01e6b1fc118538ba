package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** What a learner looks at: one trace per order in Zipkin, and readiness that follows Kafka. */
class ObservabilityIT {

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "orchestration, gateway;order-service;inventory-service;payment-service;saga-orchestrator",
            "choreography, gateway;order-service;inventory-service;payment-service"})
    void oneOrderIsOneTraceThroughEveryServiceItTouchedKafkaHopsIncluded(String saga, String services) {
        RunningStack.Response placed = stack.post("/api/orders", """
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}], "saga": "%s"}""".formatted(saga));
        assertThat(placed.status()).isEqualTo(201);
        String traceId = placed.raw().headers().firstValue("X-Trace-Id").orElseThrow();
        String orderId = placed.body().get("orderId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "APPROVED".equals(
                stack.get("/api/orders/" + orderId).body().get("status").asString()));

        // Spans reach Zipkin in batches about a second after they end.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> spans = spans(traceId);
            Set<String> seen = new HashSet<>();
            spans.forEach(span -> seen.add(span.get("localEndpoint").get("serviceName").asString()));
            assertThat(seen).containsAll(List.of(services.split(";")));
            assertThat(names(spans)).contains("orders.events send", "orders.events process", "outbox store orders.events",
                    "outbox relay orders.events", "inventory.events send", "payment.events process");
        });
    }

    @Test
    void withoutKafkaOnlyTheServicesThatNeedItLeaveTheRotation() {
        String paymentReadiness = management("payment-service", "/actuator/health/readiness");
        String orderReadiness = management("order-service", "/actuator/health/readiness");
        stack.supervisor.stop("kafka");
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> stack.getAbsolute(paymentReadiness).contains("\"DOWN\""));
            // Eureka hears it, so the gateway stops routing there: its fallback answers instead.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                RunningStack.Response payments = stack.get("/api/payments?orderId=any");
                assertThat(payments.status()).isEqualTo(503);
                assertThat(payments.body().get("type").asString()).isEqualTo("urn:playground:problem:service-unavailable");
            });
            // order-service stays ready: its outbox takes orders while the broker is away.
            assertThat(stack.getAbsolute(orderReadiness)).contains("\"status\":\"UP\"");
            assertThat(stack.post("/api/orders", """
                    {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}]}""").status()).isEqualTo(201);
        } finally {
            stack.supervisor.start("kafka", Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stack.getAbsolute(paymentReadiness).contains("\"status\":\"UP\""));
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.get("/api/payments?orderId=any").status() == 200);
    }

    private List<JsonNode> spans(String traceId) {
        String body = stack.getAbsolute("http://127.0.0.1:" + stack.supervisor.stack().zipkinPort() + "/api/v2/trace/" + traceId);
        List<JsonNode> spans = new ArrayList<>();
        if (body.startsWith("[")) {
            stack.json(body).forEach(spans::add);
        }
        return spans;
    }

    private static List<String> names(List<JsonNode> spans) {
        return spans.stream().map(span -> span.path("name").asString("")).toList();
    }

    private static String management(String service, String path) {
        return "http://127.0.0.1:" + stack.supervisor.stack().component(service).managementPort() + path;
    }
}
