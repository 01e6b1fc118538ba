package com.example.playground.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real HTTP through the real gateway to a backend registered under inventory-service (a static
 * instance list stands in for Eureka; the system tests use the real registry).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        // Only the Zipkin reporter off: switching all export off would switch trace propagation off too.
        "management.tracing.export.zipkin.enabled=false"})
class GatewayRoutingTests {

    static HttpServer backend;
    /** The W3C trace header the backend last received from the gateway. */
    static volatile String receivedTraceParent;

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            receivedTraceParent = exchange.getRequestHeaders().getFirst("traceparent");
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
                () -> "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void routesAServicesPathToAnInstanceOfThatServiceUnchanged() throws Exception {
        HttpResponse<String> response = get("/api/inventory/book");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"path\":\"/api/inventory/book\"}");
    }

    @Test
    void aServiceWithNoInstanceIsUnavailable() throws Exception {
        assertThat(get("/api/payments?orderId=x").statusCode()).isEqualTo(503);
    }

    @Test
    void theResponseNamesTheTraceTheBackendWasCalledIn() throws Exception {
        HttpResponse<String> response = get("/api/inventory/book");

        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        // traceparent: version-traceid-spanid-flags; 01, sampled: the packaged probability is 1.0.
        assertThat(receivedTraceParent).startsWith("00-" + traceId + "-").endsWith("-01");
    }

    @Test
    void theGatewaysOwnErrorsNameTheirTraceToo() throws Exception {
        HttpResponse<String> response = get("/api/payments?orderId=x");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(32));
    }

    /** Routing would merge the slashes: the service would be asked for the SKU "book", not an empty one. */
    @Test
    void aPathWithAnEmptySegmentIsRefusedNotRoutedAsAnother() throws Exception {
        HttpResponse<String> response = get("/api/inventory//book");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:playground:problem:malformed-request\"")
                .doesNotContain("\"path\"");
        assertThat(response.headers().firstValue("X-Trace-Id")).isPresent();
    }

    /** What the gateway's HTTP server cannot read it refuses itself: a 4xx, never a 5xx, and never routed. */
    @Test
    void aMalformedRequestIsA4xxFromTheGatewayItself() throws Exception {
        assertThat(raw("GET /api/inventory/book HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/inventory/book HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(raw("GET /api/inventory/%G1 HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void nothingButTheApiIsRouted() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get("/eureka/apps").statusCode()).isEqualTo(404);
    }

    /** Sends bytes as they are (no client library would send these), and reads the status line of the answer. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = socket.getInputStream().readNBytes(12);
            return new String(answer, StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
