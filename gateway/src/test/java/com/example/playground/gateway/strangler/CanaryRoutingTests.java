package com.example.playground.gateway.strangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The canary release's routes through the real gateway (docs/patterns/canary-release.md): the stable
 * inventory-service and its canary, registered under a name of its own (a static instance list stands
 * in for Eureka). The inventory route never reaches the canary; the header does always; the share
 * moves reads, live, and only reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.zipkin.enabled=false",
        "playground.gateway.rate-limit.enabled=false"})
class CanaryRoutingTests {

    static HttpServer stable;
    static HttpServer canary;
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws IOException {
        stable = StranglerRoutingTests.backend("stable");
        canary = StranglerRoutingTests.backend("canary");
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
                () -> "http://127.0.0.1:" + stable.getAddress().getPort());
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service-canary[0].uri",
                () -> "http://127.0.0.1:" + canary.getAddress().getPort());
    }

    @AfterAll
    static void stopBackends() {
        stable.stop(0);
        canary.stop(0);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void backToTheStableVersion() throws Exception {
        share("{\"percent\": 0}");
    }

    @Test
    void atZeroNoReadReachesTheCanaryButOneThatAsksForItDoes() throws Exception {
        assertThat(ask(30, false)).containsOnlyKeys("inventory-service");

        HttpResponse<String> asked = get("/api/inventory/pen", true);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.headers().firstValue("X-Served-By")).contains("inventory-service-canary");
        assertThat(asked.body()).isEqualTo("{\"who\":\"canary\",\"path\":\"/api/inventory/pen\"}");
    }

    @Test
    void theShareMovesReadsLiveAndZeroTakesThemBack() throws Exception {
        share("{\"percent\": 100}");
        assertThat(ask(20, false)).containsOnlyKeys("inventory-service-canary");

        share("{\"percent\": 20}");
        Map<String, Integer> fifth = ask(200, false);
        // 200 draws at one in five: outside 15..70 about once in two million runs.
        assertThat(fifth.get("inventory-service-canary")).isBetween(15, 70);

        share("{\"percent\": 0}");
        assertThat(ask(20, false)).containsOnlyKeys("inventory-service");
    }

    @Test
    void writesStayWithTheStableVersionWhateverTheShare() throws Exception {
        share("{\"percent\": 100}");

        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inventory/pen"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));

        assertThat(post.headers().firstValue("X-Served-By")).contains("inventory-service");
        assertThat(post.body()).contains("\"who\":\"stable\"");
    }

    @Test
    void theCanarysShareIsListedBesideTheStrangledRoutes() throws Exception {
        HttpResponse<String> shares = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + managementPort + "/actuator/strangler")));

        assertThat(shares.body()).isEqualTo("{\"inventory-canary\":0,\"products\":0}");
    }

    private Map<String, Integer> ask(int times, boolean canary) throws Exception {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < times; i++) {
            HttpResponse<String> answer = get("/api/inventory/pen", canary);
            assertThat(answer.statusCode()).isEqualTo(200);
            served.merge(answer.headers().firstValue("X-Served-By").orElse("nobody"), 1, Integer::sum);
        }
        return served;
    }

    private HttpResponse<String> get(String path, boolean canary) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (canary) {
            request.header("X-Canary", "true");
        }
        return send(request);
    }

    private void share(String json) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + managementPort + "/actuator/strangler/inventory-canary"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
