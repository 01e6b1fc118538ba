package com.example.playground.gateway.strangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The strangled route through the real gateway to two backends, one registered as the legacy
 * monolith and one as inventory-service (a static instance list stands in for Eureka), its share
 * changed live on the management port as {@code ./playground strangle} changes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.zipkin.enabled=false",
        "playground.gateway.rate-limit.enabled=false"})
class StranglerRoutingTests {

    static HttpServer legacy;
    static HttpServer inventory;
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws IOException {
        legacy = backend("legacy");
        inventory = backend("new");
        registry.add("spring.cloud.discovery.client.simple.instances.monolith[0].uri",
                () -> "http://127.0.0.1:" + legacy.getAddress().getPort());
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
                () -> "http://127.0.0.1:" + inventory.getAddress().getPort());
    }

    /** Answers with who it is and the path it was asked for. */
    static HttpServer backend(String who) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"who\":\"" + who + "\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stopBackends() {
        legacy.stop(0);
        inventory.stop(0);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void backToTheLegacyApplication() throws Exception {
        share("products", "{\"percent\": 0}");
    }

    @Test
    void atZeroEveryRequestGoesToTheLegacyApplicationOnItsOwnPath() throws Exception {
        Map<String, Integer> served = ask(20);

        assertThat(served).containsOnlyKeys("monolith");
        HttpResponse<String> one = get("/api/products/pen");
        assertThat(one.body()).isEqualTo("{\"who\":\"legacy\",\"path\":\"/api/monolith/products/pen\"}");
    }

    @Test
    void aShareChangedLiveAppliesFromTheNextRequestAndZeroRollsBack() throws Exception {
        assertThat(share("products", "{\"percent\": 100}").statusCode()).isEqualTo(200);
        HttpResponse<String> first = get("/api/products/pen");
        assertThat(first.headers().firstValue("X-Served-By")).contains("inventory-service");
        assertThat(first.body()).isEqualTo("{\"who\":\"new\",\"path\":\"/api/inventory/pen\"}");
        assertThat(ask(20)).containsOnlyKeys("inventory-service");

        share("products", "{\"percent\": 50}");
        Map<String, Integer> half = ask(200);
        assertThat(half).containsOnlyKeys("monolith", "inventory-service");
        // 200 draws at one half: outside 60..140 once in about ten billion runs.
        assertThat(half.get("inventory-service")).isBetween(60, 140);

        share("products", "{\"percent\": 0}");
        assertThat(ask(20)).containsOnlyKeys("monolith");
    }

    @Test
    void theEndpointRefusesAShareOutOfRangeOrAnUnknownRouteAndChangesNothing() throws Exception {
        assertThat(share("products", "{\"percent\": 101}").statusCode()).isEqualTo(400);
        assertThat(share("products", "{\"percent\": -1}").statusCode()).isEqualTo(400);
        assertThat(share("products", "{\"percent\": \"half\"}").statusCode()).isEqualTo(400);
        assertThat(share("orders", "{\"percent\": 50}").statusCode()).isEqualTo(404);

        HttpResponse<String> shares = send(HttpRequest.newBuilder(management("/actuator/strangler")));
        assertThat(shares.body()).isEqualTo("{\"inventory-canary\":0,\"products\":0}");
        assertThat(ask(20)).containsOnlyKeys("monolith");
    }

    @Test
    void onlyGetsAreStrangled() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products/pen"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));

        assertThat(post.statusCode()).isEqualTo(404);
    }

    private Map<String, Integer> ask(int times) throws Exception {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < times; i++) {
            HttpResponse<String> answer = get("/api/products/pen");
            assertThat(answer.statusCode()).isEqualTo(200);
            served.merge(answer.headers().firstValue("X-Served-By").orElse("nobody"), 1, Integer::sum);
        }
        return served;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private HttpResponse<String> share(String route, String json) throws Exception {
        return send(HttpRequest.newBuilder(management("/actuator/strangler/" + route))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
