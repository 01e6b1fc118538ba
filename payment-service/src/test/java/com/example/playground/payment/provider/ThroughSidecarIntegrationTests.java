package com.example.playground.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.Topics;
import com.example.playground.payment.credit.CreditLedger;
import com.example.playground.support.faults.Fault;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.testing.KafkaProbe;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * payment-service started as beside a sidecar (playground.payment.provider.sidecar-url): it calls the
 * sidecar's address, once per payment, with no retry and no breaker of its own, and declines a payment
 * with the sidecar's refusal. The sidecar here is a stand-in that answers what it is told: the real
 * one, HAProxy, is tried by the sidecar scenario on the running stack.
 */
@SpringBootTest
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class ThroughSidecarIntegrationTests {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static volatile int answer = 200;
    private static final HttpServer SIDECAR = standInSidecar();

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired CreditLedger ledger;
    @Autowired Faults faults;
    @Autowired SimulatedProvider provider;
    @Autowired CircuitBreakerRegistry breakers;
    @Autowired RetryRegistry retries;

    KafkaProbe probe;

    @DynamicPropertySource
    static void besideTheSidecar(DynamicPropertyRegistry registry) {
        registry.add("playground.payment.provider.sidecar-url",
                () -> "http://127.0.0.1:" + SIDECAR.getAddress().getPort());
    }

    @BeforeEach
    void watchEvents() {
        probe = new KafkaProbe(broker, kafka, json, Topics.PAYMENT_EVENTS);
        faults.healAll();
        CALLS.set(0);
        answer = 200;
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @AfterAll
    static void stopSidecar() {
        SIDECAR.stop(0);
    }

    @Test
    void aPaymentIsAuthorisedThroughTheSidecarInOneCall() {
        String orderId = UUID.randomUUID().toString();

        probe.send(new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("5.00")));

        assertThat(probe.await(PaymentAuthorized.class, orderId).amount()).isEqualByComparingTo("5.00");
        assertThat(CALLS.get()).isEqualTo(1);
    }

    @Test
    void theSidecarsRefusalDeclinesThePaymentAtOnceWithNoRetryOfTheServicesOwn() {
        String orderId = UUID.randomUUID().toString();
        BigDecimal before = ledger.balanceOf("alice").orElseThrow();
        answer = 503;

        probe.send(new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("5.00")));

        assertThat(probe.await(PaymentDeclined.class, orderId).reason())
                .isEqualTo("Payment declined: payment provider unavailable: the sidecar answered 503");
        assertThat(CALLS.get()).isEqualTo(1);
        assertThat(ledger.balanceOf("alice").orElseThrow()).isEqualByComparingTo(before);
        // The service's own breaker and retry for the provider (still configured in application.yml) saw nothing.
        assertThat(breakers.circuitBreaker(PaymentProvider.NAME).getMetrics().getNumberOfBufferedCalls()).isZero();
        var retry = retries.retry(PaymentProvider.NAME).getMetrics();
        assertThat(retry.getNumberOfFailedCallsWithoutRetryAttempt() + retry.getNumberOfFailedCallsWithRetryAttempt())
                .isZero();
    }

    @Test
    void aFaultAtThePaymentProviderBreaksTheProviderItselfWhereTheSidecarSeesIt() throws Exception {
        faults.set(new Fault(PaymentProvider.NAME, 0, 0, 1.0, false));

        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(provider.url() + "/authorizations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"o-1\",\"amount\":\"5.00\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(503);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(provider.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static HttpServer standInSidecar() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/authorizations", exchange -> {
                exchange.getRequestBody().readAllBytes();
                CALLS.incrementAndGet();
                byte[] body = (answer == 200 ? "{\"authorizationId\":\"auth-1\"}" : "{\"error\":\"no server\"}").getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
