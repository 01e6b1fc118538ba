package com.example.playground.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.support.testing.KubernetesApi;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * order-service with the kubernetes profile, as in a pod (deploy/kubernetes): its load-balanced
 * clients find inventory-service's pod through the Service's Endpoints, read from fabric8's mock
 * API server instead of a cluster, and not through a static list or Eureka.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({"test", "kubernetes"})
@EmbeddedKafka(partitions = 1)
// Not kept for other test classes: its informers would go on asking an API server that is gone.
@DirtiesContext
class OrdersOnKubernetesIntegrationTests {

    static KubernetesApi cluster;
    static InventoryStub inventory;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) throws IOException {
        inventory = new InventoryStub();
        cluster = KubernetesApi.startedFor(registry);
        cluster.service("inventory-service", URI.create(inventory.url()).getPort(), true);
    }

    @AfterAll
    static void stop() {
        inventory.close();
        cluster.close();
    }

    @Autowired MockMvcTester mvc;
    @Autowired JsonMapper json;
    @Autowired List<DiscoveryClient> discoveryClients;

    @Test
    void anOrderIsPricedByTheInventoryPodThePlatformLists() {
        var placed = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(OrdersIntegrationTests.ALICE_TWO_BOOKS).exchange();
        assertThat(placed).hasStatus(HttpStatus.CREATED);
        String orderId = json.readTree(placed.getResponse().getContentAsByteArray()).get("orderId").asString();

        // The price is the pod's: the order could only be placed by asking it (12.50 a book).
        assertThat(mvc.get().uri("/api/orders/{id}", orderId)).hasStatusOk().bodyJson()
                .extractingPath("$.items[0].unitPrice").asNumber()
                .satisfies(price -> assertThat(price.doubleValue()).isEqualTo(12.50));
    }

    @Test
    void thePlatformIsTheRegistry() {
        // (Eureka's client is off in every order-service test: the test profile says so.)
        assertThat(discoveryClients).extracting(DiscoveryClient::description)
                .anyMatch(description -> description.contains("Fabric8"));
    }
}
