package com.example.playground.gateway.bff;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two backends for frontends through the real gateway, in front of a stand-in order-service (a
 * static instance list stands in for Eureka) that can be made slow: the phone gets a slim summary,
 * or within its time limit the last one it got, marked stale; the browser gets the composed details
 * and waits longer for them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.zipkin.enabled=false",
        "playground.gateway.rate-limit.enabled=false"})
class BffRoutingTests {

    static final String ORDER = """
            {"orderId":"o-%s","customerId":"alice","items":[{"sku":"book","quantity":2,"unitPrice":12.50},
             {"sku":"pen","quantity":1,"unitPrice":0.00}],"total":25.00,"status":"APPROVED","saga":"orchestration",
             "createdAt":"2026-12-03T01:00:00Z","updatedAt":"2026-12-03T01:00:01Z"}""";
    static final String DETAILS = """
            {"order":{"orderId":"o-%s","status":"APPROVED"},"payments":{"source":"payment-service","available":true,"items":[]},
             "reservations":{"source":"inventory-service","available":true,"items":[]}}""";
    static final String NOT_FOUND = """
            {"type":"urn:playground:problem:order-not-found","title":"Order not found","status":404}""";

    static HttpServer orderService;
    static final List<String> asked = new CopyOnWriteArrayList<>();
    static volatile long delayMillis;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws IOException {
        orderService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orderService.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        orderService.createContext("/api/orders/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            LockSupport.parkNanos(Duration.ofMillis(delayMillis).toNanos());
            String id = path.substring("/api/orders/o-".length()).replace("/details", "");
            boolean missing = path.contains("missing");
            String body = missing ? NOT_FOUND : (path.endsWith("/details") ? DETAILS : ORDER).formatted(id);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", missing ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(missing ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        orderService.start();
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri",
                () -> "http://127.0.0.1:" + orderService.getAddress().getPort());
    }

    @AfterEach
    void fastAndClosedAgain() {
        delayMillis = 0;
        asked.clear();
        breakers.circuitBreaker("mobile-bff").reset();
        breakers.circuitBreaker("web-bff").reset();
    }

    @AfterAll
    static void stopBackend() {
        orderService.stop(0);
    }

    @Test
    void thePhoneGetsASlimSummaryOfTheOrder() throws Exception {
        Answer answer = get("/api/mobile/orders/o-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-BFF")).isEqualTo("mobile");
        assertThat(answer.body()).isEqualTo(json.readTree("""
                {"orderId":"o-1","status":"APPROVED","total":25.00,"units":3,"updatedAt":"2026-12-03T01:00:01Z","stale":false}"""));
        assertThat(answer.raw().body()).as("the amount as order-service wrote it").contains("\"total\":25.00");
        assertThat(asked).containsExactly("/api/orders/o-1");
    }

    @Test
    void aSlowOrderServiceGivesThePhoneTheLastAnswerMarkedStaleWithinItsTimeLimit() throws Exception {
        assertThat(get("/api/mobile/orders/o-2").body().get("stale").asBoolean()).isFalse();
        delayMillis = 1500;

        long start = System.nanoTime();
        Answer answer = get("/api/mobile/orders/o-2");
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("stale").asBoolean()).isTrue();
        assertThat(answer.body().get("status").asString()).isEqualTo("APPROVED");
        assertThat(answer.body().get("staleBecause").asString()).contains("300 ms");
        assertThat(tookMillis).as("answered at the phone's time limit, not order-service's pace").isLessThan(1500);
        assertThat(answer.header("X-BFF")).isEqualTo("mobile");
    }

    @Test
    void withNoEarlierAnswerTheSlowOrderIsAProblemOfItsOwnType() throws Exception {
        delayMillis = 1500;

        Answer answer = get("/api/mobile/orders/o-3");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("type").asString()).isEqualTo("urn:playground:problem:order-summary-unavailable");
    }

    @Test
    void anUnknownOrderPassesThroughAsOrderServiceSaidAndIsNotRemembered() throws Exception {
        Answer answer = get("/api/mobile/orders/o-missing");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("type").asString()).isEqualTo("urn:playground:problem:order-not-found");

        delayMillis = 1500;
        assertThat(get("/api/mobile/orders/o-missing").status()).as("nothing to fall back on").isEqualTo(503);
    }

    @Test
    void theBrowserGetsTheComposedDetailsAndWaitsLongerForThem() throws Exception {
        assertThat(get("/api/mobile/orders/o-4").status()).isEqualTo(200);
        delayMillis = 1000;

        Answer web = get("/api/web/orders/o-4");
        Answer mobile = get("/api/mobile/orders/o-4");

        assertThat(web.status()).isEqualTo(200);
        assertThat(web.header("X-BFF")).isEqualTo("web");
        assertThat(web.body().get("payments").get("available").asBoolean()).isTrue();
        assertThat(web.body().get("order").get("orderId").asString()).isEqualTo("o-4");
        assertThat(mobile.body().get("stale").asBoolean()).as("the same second of delay is past the phone's limit").isTrue();
        assertThat(asked).contains("/api/orders/o-4/details");
    }

    @Test
    void onlyReadsAreRouted() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mobile/orders/o-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(asked).isEmpty();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()), response);
    }
}
