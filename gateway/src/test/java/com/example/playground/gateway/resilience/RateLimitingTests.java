package com.example.playground.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A burst of 3, refilled very slowly: the fourth request in a row is refused before routing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.enabled=false",
        "playground.gateway.rate-limit.burst=3",
        "playground.gateway.rate-limit.per-second=0.1"})
class RateLimitingTests {

    @LocalServerPort
    int port;

    @Test
    void pastTheBurstRequestsGet429WithRetryAfterAndAProblem() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inventory/book")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // The first three pass the limiter (no inventory-service is known here, hence 503).
        assertThat(responses.subList(0, 3)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));
        HttpResponse<String> refused = responses.get(3);
        assertThat(refused.statusCode()).isEqualTo(429);
        // One token every 10 s, and most of one is left to wait for.
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"urn:playground:problem:rate-limited\"", "\"status\":429");
    }
}
