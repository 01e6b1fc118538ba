package com.example.playground.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
class DiscoveryApplicationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesTheRegistryOnLoopback() throws Exception {
        HttpResponse<String> apps = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eureka/apps"))
                        .header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"applications\"");
    }

    @Test
    void answersLivenessAndReadinessOnItsManagementPort() throws Exception {
        for (String probe : new String[] {"liveness", "readiness"}) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/" + probe)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }
}
