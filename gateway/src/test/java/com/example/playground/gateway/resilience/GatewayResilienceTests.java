package com.example.playground.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's per-route breakers, fallbacks, timeouts and GET retries, over real HTTP. Behind
 * order-service is a port nobody listens on; behind payment-service a backend with a slow path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.enabled=false",
        "playground.gateway.rate-limit.enabled=false",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
class GatewayResilienceTests {

    static HttpServer payments;
    static final AtomicInteger paymentCalls = new AtomicInteger();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws IOException {
        payments = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        payments.setExecutor(Executors.newCachedThreadPool());
        payments.createContext("/", exchange -> {
            paymentCalls.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/slow") || path.endsWith("/held")) {
                try {
                    // slow: past the 1 s response timeout; held: answered, but in flight long enough to overlap.
                    Thread.sleep(path.endsWith("/slow") ? 3000 : 700);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean unavailable = exchange.getRequestURI().getPath().endsWith("/unavailable");
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(unavailable ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        payments.start();
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[0].uri",
                () -> "http://127.0.0.1:" + payments.getAddress().getPort());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri",
                () -> "http://127.0.0.1:" + closed);
    }

    @AfterAll
    static void stopBackends() {
        payments.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void aServiceThatIsDownGetsTheFallbackProblemAndItsBreakerOpens() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get("/api/orders/some-order");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"type\":\"urn:playground:problem:service-unavailable\"",
                    "order-service");
        }
        assertThat(breakers.circuitBreaker("order-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // The other routes are not affected.
        assertThat(breakers.circuitBreaker("payment-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(get("/api/payments?orderId=x").statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceWithNoInstanceGetsTheFallbackWithoutOpeningItsBreaker() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(get("/api/sagas/some-order").statusCode()).isEqualTo(503);
        }
        assertThat(breakers.circuitBreaker("saga-orchestrator").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        // The opt-in monolith when it was not started: the problem says so.
        var monolith = get("/api/monolith/products/book");
        assertThat(monolith.statusCode()).isEqualTo(503);
        assertThat(monolith.body()).contains("urn:playground:problem:service-unavailable",
                "no instance of monolith is registered in Eureka");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsCutOffWithTheFallback() throws Exception {
        HttpResponse<String> response = get("/api/payments/slow");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("urn:playground:problem:service-unavailable", "payment-service");
    }

    @Test
    void aGetIsRetriedOnA503ButAPostNeverIs() throws Exception {
        int before = paymentCalls.get();
        assertThat(get("/api/payments/unavailable").statusCode()).isEqualTo(503);
        assertThat(paymentCalls.get() - before).isEqualTo(3);

        before = paymentCalls.get();
        assertThat(post("/api/payments/unavailable", "{}").statusCode()).isEqualTo(503);
        assertThat(paymentCalls.get() - before).isEqualTo(1);
    }

    @Test
    void thirtyTwoCallsAtOnceAreAllLetThroughAndPastFiftyTheGatewaySaysItIsBusy() throws Exception {
        breakers.circuitBreaker("payment-service").transitionToClosedState();

        List<HttpResponse<String>> thirtyTwo = getAtOnce("/api/payments/held", 32);
        assertThat(thirtyTwo).extracting(HttpResponse::statusCode).containsOnly(200);

        List<HttpResponse<String>> sixty = getAtOnce("/api/payments/held", 60);
        List<HttpResponse<String>> refused = sixty.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(sixty.size() - refused.size()).as("answered").isGreaterThanOrEqualTo(50);
        assertThat(refused).as("refused past the bulkhead's 50").isNotEmpty().allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("urn:playground:problem:gateway-busy", "payment-service");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        });
        // Our own limit, not the service failing: the breaker stays closed.
        assertThat(breakers.circuitBreaker("payment-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private List<HttpResponse<String>> getAtOnce(String path, int callers) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(callers)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, callers)
                .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
