package com.example.playground.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the kubernetes profile, as in a pod (deploy/kubernetes), against fabric8's mock
 * API server instead of a cluster: lb://inventory-service is the ready address in the Endpoints of
 * the Service inventory-service, on its port named http; a Service whose pods are not ready gets
 * nothing; Eureka is not asked. Real HTTP to a real backend; only the API server is a stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "management.tracing.export.zipkin.enabled=false",
        // What the platform's KUBERNETES_SERVICE_HOST says inside a pod.
        "spring.main.cloud-platform=kubernetes",
        "spring.cloud.kubernetes.client.namespace=" + KubernetesDiscoveryTests.NAMESPACE})
@ActiveProfiles("kubernetes")
class KubernetesDiscoveryTests {

    static final String NAMESPACE = "playground";

    static final KubernetesMockServer apiServer = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    static HttpServer inventoryPod;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) throws IOException {
        inventoryPod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inventoryPod.createContext("/", exchange -> {
            byte[] body = ("{\"servedBy\":\"inventory pod\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        inventoryPod.start();

        apiServer.init(InetAddress.getByName("127.0.0.1"), 0);
        try (KubernetesClient cluster = apiServer.createClient()) {
            service(cluster, "inventory-service", 8083, 8183);
            endpoints(cluster, "inventory-service", true, inventoryPod.getAddress().getPort());
            // A pod that is running but not ready: the platform lists it under notReadyAddresses.
            service(cluster, "payment-service", 8082, 8182);
            endpoints(cluster, "payment-service", false, inventoryPod.getAddress().getPort());
        }
        registry.add("spring.cloud.kubernetes.client.master-url", () -> apiServer.url("/"));
        registry.add("spring.cloud.kubernetes.client.trust-certs", () -> "true");
    }

    /** A Service as deploy/kubernetes makes them: the API port named http, the actuator's named management. */
    private static void service(KubernetesClient cluster, String name, int port, int managementPort) {
        cluster.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().addToSelector("app.kubernetes.io/name", name)
                .addNewPort().withName("http").withPort(port).endPort()
                .addNewPort().withName("management").withPort(managementPort).endPort()
                .endSpec().build()).create();
    }

    /** What the platform writes for a Service with one pod: its address, ready or not, and the ports by name. */
    private static void endpoints(KubernetesClient cluster, String name, boolean ready, int podPort) {
        var subset = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .addNewSubset();
        subset = ready ? subset.addNewAddress().withIp("127.0.0.1").endAddress()
                : subset.addNewNotReadyAddress().withIp("127.0.0.1").endNotReadyAddress();
        cluster.endpoints().inNamespace(NAMESPACE).resource(subset
                .addNewPort().withName("http").withPort(podPort).endPort()
                .addNewPort().withName("management").withPort(1).endPort()
                .endSubset().build()).create();
    }

    @AfterAll
    static void stop() {
        inventoryPod.stop(0);
        apiServer.destroy();
    }

    @LocalServerPort
    int port;

    @Autowired
    List<ReactiveDiscoveryClient> discoveryClients;

    @Test
    void routesToTheReadyPodBehindTheServiceOnItsHttpPort() throws Exception {
        HttpResponse<String> response = get("/api/inventory/book");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"servedBy\":\"inventory pod\",\"path\":\"/api/inventory/book\"}");
    }

    @Test
    void aServiceWhosePodsAreNotReadyGetsNoRequest() throws Exception {
        HttpResponse<String> response = get("/api/payments?orderId=x");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
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
