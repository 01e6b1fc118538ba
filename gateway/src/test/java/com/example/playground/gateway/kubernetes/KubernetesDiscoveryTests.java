package com.example.playground.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.support.testing.KubernetesApi;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the kubernetes profile, as in a pod (deploy/kubernetes), against fabric8's mock
 * API server instead of a cluster: lb://inventory-service is the ready pod in the Endpoints of the
 * Service inventory-service, on its port named http; a Service whose pod is not ready gets nothing;
 * Eureka is not asked. Real HTTP to a real backend; only the API server is a stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "management.tracing.export.zipkin.enabled=false"})
@ActiveProfiles("kubernetes")
// Not kept for other test classes: its informers would go on asking an API server that is gone.
@DirtiesContext
class KubernetesDiscoveryTests {

    static KubernetesApi cluster;
    static HttpServer pod;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) throws IOException {
        pod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pod.createContext("/", exchange -> {
            byte[] body = ("{\"servedBy\":\"the pod\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pod.start();
        cluster = KubernetesApi.startedFor(registry);
        cluster.service("inventory-service", pod.getAddress().getPort(), true);
        // Running but not ready (still starting, or its readiness says DOWN): the same pod, unlisted.
        cluster.service("payment-service", pod.getAddress().getPort(), false);
    }

    @AfterAll
    static void stop() {
        pod.stop(0);
        cluster.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    List<ReactiveDiscoveryClient> discoveryClients;

    @Test
    void routesToTheReadyPodBehindTheServiceOnItsHttpPort() throws Exception {
        HttpResponse<String> response = get("/api/inventory/book");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"servedBy\":\"the pod\",\"path\":\"/api/inventory/book\"}");
    }

    @Test
    void aServiceWhosePodIsNotReadyGetsNoRequest() throws Exception {
        HttpResponse<String> response = get("/api/payments?orderId=x");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(
                "no instance of payment-service is registered in the Endpoints of its Kubernetes Service");
    }

    @Test
    void thePlatformIsTheRegistryAndEurekaIsNotAsked() {
        assertThat(discoveryClients).extracting(ReactiveDiscoveryClient::description)
                .anyMatch(description -> description.contains("Fabric8"))
                .noneMatch(description -> description.contains("Eureka"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
