package com.example.playground.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.support.testing.KafkaProbe;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * inventory-service against Kafka and PostgreSQL in containers, the Spring Boot way: the
 * containers' addresses reach the application through {@code @ServiceConnection}. Runs where a
 * Docker engine is available; skipped ("Docker is not available") where none is, as on the
 * machines this project is built on, which is why the embedded broker and the local PostgreSQL
 * carry the other integration tests.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {
        "eureka.client.enabled=false",
        "management.tracing.export.zipkin.enabled=false",
        "playground.kafka.partitions=1"})
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
class ReservationsOnContainersIntegrationTests {

    @Container
    @ServiceConnection
    static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

    @Container
    @ServiceConnection
    static KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");

    @Autowired KafkaTemplate<String, String> template;
    @Autowired JsonMapper json;
    @Autowired MockMvcTester mvc;

    @Test
    void reservesStockForACommandFromKafkaAndTheApiShowsIt() {
        assertThat(mvc.get().uri("/api/inventory/book")).hasStatusOk().bodyJson()
                .extractingPath("$.available").isEqualTo(1000);
        String orderId = UUID.randomUUID().toString();

        try (KafkaProbe probe = new KafkaProbe(kafka.getBootstrapServers(), template, json, Topics.INVENTORY_EVENTS)) {
            probe.send(new ReserveStockCommand(orderId, List.of(new OrderLine("book", 2))));
            probe.await(StockReserved.class, orderId);
        }

        assertThat(mvc.get().uri("/api/inventory/book")).hasStatusOk().bodyJson()
                .extractingPath("$.available").isEqualTo(998);
    }
}
