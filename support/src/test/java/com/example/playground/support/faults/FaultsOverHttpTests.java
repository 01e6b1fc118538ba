package com.example.playground.support.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/faults} over real HTTP in a service-like app: on the management port only, JSON
 * settings by kind name in, problems out for what it does not take.
 */
@SpringBootTest(classes = FaultsOverHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.admin.auto-create=false",
        "spring.flyway.locations=classpath:db/support",
        "eureka.client.enabled=false"})
class FaultsOverHttpTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int port;

    @Autowired
    Faults faults;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void heal() {
        faults.healAll();
    }

    @Test
    void aTargetIsBrokenWithItsSettingsAndEverythingIsHealedWithOneDelete() throws Exception {
        faults.declare("inventory-service", "outbound calls to inventory-service");

        HttpResponse<String> set = send("POST", "/actuator/faults/inventory-service",
                "{\"latency\": \"100-300\", \"error-rate\": 0.5}");
        HttpResponse<String> switched = send("POST", "/actuator/faults/outbox-relay-paused", "{\"on\": true}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"description\":\"fails 50 % of calls, 100-300 ms slower\"");
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(faults.active()).containsKey("inventory-service");
        assertThat(faults.isOn(Switch.OUTBOX_RELAY_PAUSED)).isTrue();
        assertThat(send("GET", "/actuator/faults", null).body()).contains("\"broken\":{\"inventory-service\"",
                "\"outbox-relay-paused\":\"on: ");

        assertThat(send("DELETE", "/actuator/faults", null).body()).contains("\"broken\":{}");
        assertThat(faults.active()).isEmpty();
        assertThat(faults.isOn(Switch.OUTBOX_RELAY_PAUSED)).isFalse();
    }

    @Test
    void whatItDoesNotTakeIsAProblemWithAStableTypeAndChangesNothing() throws Exception {
        HttpResponse<String> unknownKind = send("POST", "/actuator/faults/inbound", "{\"slowness\": 3}");
        HttpResponse<String> badValue = send("POST", "/actuator/faults/inbound", "{\"error-rate\": \"often\"}");
        HttpResponse<String> unknownTarget = send("POST", "/actuator/faults/nowhere", "{\"hang\": true}");

        for (HttpResponse<String> answer : java.util.List.of(unknownKind, badValue, unknownTarget)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("\"type\":\"urn:playground:problem:invalid-fault\"");
        }
        assertThat(unknownKind.body()).contains("No fault kind 'slowness'; known: latency, error-rate, hang");
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void theServicesOwnPortKnowsNothingOfFaults() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/faults")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
