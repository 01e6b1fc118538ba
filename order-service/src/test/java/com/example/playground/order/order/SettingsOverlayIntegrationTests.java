package com.example.playground.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.support.faults.Fault;
import com.example.playground.support.faults.Faults;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.endpoint.RefreshEndpoint;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The settings overlay of {@code ./playground config} as order-service meets it: a properties file
 * in the folder {@code playground.config-dir} names, imported by support's playground-service.yml.
 * After the file changes, {@code /actuator/refresh} rebuilds Resilience4j's registries, and the
 * annotated calls to inventory-service behave by the new settings; emptying the file and refreshing
 * again brings the packaged ones back. The supervisor's side is {@code ConfigurationTests}.
 *
 * <p>Emptied, not deleted: the supervisor keeps one line of its own in the file (here
 * {@link #MARKER}), because a refresh replaces a file's settings but never drops a file that is
 * gone or has no settings left (the last test shows it).
 */
// A command-line argument, as the supervisor passes it: a refresh re-reads the configuration with
// the command line but without test properties, so "properties = ..." would be lost at the first refresh.
@SpringBootTest(args = "--playground.config-dir=target/settings-overlay-test")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class SettingsOverlayIntegrationTests {

    static final Path OVERLAY = Path.of("target/settings-overlay-test/order-service.properties");
    static final String MARKER = "playground.overlay=order-service";
    static final String BREAKER = "resilience4j.circuitbreaker.instances.inventory-service.";
    static final String ORDER = """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}]}""";

    static InventoryStub inventory;

    @DynamicPropertySource
    static void inventoryInstance(DynamicPropertyRegistry registry) throws IOException {
        inventory = InventoryStub.registeredIn(registry);
    }

    /** No overlay when the service starts: the file appears later, as after './playground config set'. */
    @BeforeAll
    static void noOverlayYet() throws IOException {
        Files.deleteIfExists(OVERLAY);
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @Autowired MockMvcTester mvc;
    @Autowired RefreshEndpoint refresh;
    @Autowired Environment environment;
    @Autowired Faults faults;
    @Autowired CircuitBreakerRegistry breakers;
    @Autowired RetryRegistry retries;
    @Autowired ThreadPoolBulkheadRegistry bulkheads;
    @Autowired TimeLimiterRegistry timeLimiters;
    @Autowired Tracer tracer;

    @BeforeEach
    void inventoryIsWell() {
        faults.healAll();
        breakers.circuitBreaker("inventory-service").reset();
    }

    @AfterEach
    void packagedSettingsAgain() throws IOException {
        faults.healAll();
        overlay();
        refresh.refresh();
    }

    @Test
    void aBreakerThresholdWrittenToTheOverlayIsInForceAfterARefreshAndGoneAfterTheNext() throws IOException {
        assertThat(breaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50f);

        overlay(BREAKER + "failure-rate-threshold=80", BREAKER + "minimum-number-of-calls=20");
        assertThat(refresh.refresh()).contains(BREAKER + "failure-rate-threshold", BREAKER + "minimum-number-of-calls");

        assertThat(breaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(80f);
        assertThat(breaker().getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(20);
        // The annotated call uses the new breaker: 2 failing orders (6 attempts) no longer open it,
        // where the packaged 5-call minimum opens it (OrdersIntegrationTests and below).
        faults.set(new Fault("inventory-service", 0, 0, 1.0, false));
        placeOrder();
        placeOrder();
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(6);

        overlay();
        refresh.refresh();

        assertThat(breaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50f);
        placeOrder();
        placeOrder();
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void retriesBulkheadsTimeLimitsAndLogLevelsChangeLiveToo() throws IOException {
        assertThat(retries.retry("inventory-service").getRetryConfig().getMaxAttempts()).isEqualTo(3);
        assertThat(LoggerFactory.getLogger(Orders.class).isDebugEnabled()).isFalse();

        overlay("resilience4j.retry.instances.inventory-service.max-attempts=1",
                "resilience4j.thread-pool-bulkhead.instances.payment-service.core-thread-pool-size=2",
                "resilience4j.thread-pool-bulkhead.instances.payment-service.max-thread-pool-size=2",
                "resilience4j.timelimiter.instances.payment-service.timeout-duration=300ms",
                "logging.level.com.example.playground.order=DEBUG");
        refresh.refresh();

        assertThat(retries.retry("inventory-service").getRetryConfig().getMaxAttempts()).isEqualTo(1);
        assertThat(bulkheads.bulkhead("payment-service").getBulkheadConfig().getMaxThreadPoolSize()).isEqualTo(2);
        assertThat(timeLimiters.timeLimiter("payment-service").getTimeLimiterConfig().getTimeoutDuration())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(LoggerFactory.getLogger(Orders.class).isDebugEnabled()).isTrue();
        // One attempt per order now: a failing order reaches the breaker once, not three times.
        faults.set(new Fault("inventory-service", 0, 0, 1.0, false));
        placeOrder();
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    /** Support's RefreshableSampler in a service: a new trace follows the probability after a refresh. */
    @Test
    void theTracingSamplingProbabilityChangesLiveToo() throws IOException {
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(sampledOfNewTraces(100)).isEqualTo(100);

        overlay("management.tracing.sampling.probability=0.1");
        refresh.refresh();

        assertThat(sampledOfNewTraces(100)).isEqualTo(10);
    }

    @Test
    void aValueTheServiceRefusesFailsTheRefreshAndRestoringTheFileHealsIt() throws IOException {
        overlay(BREAKER + "failure-rate-threshold=150");

        assertThatThrownBy(refresh::refresh).hasStackTraceContaining("failureRateThreshold must be between 1 and 100");

        // What the supervisor does then: the previous file back, and a refresh again.
        overlay();
        refresh.refresh();
        assertThat(breaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50f);
        assertThat(placeOrder()).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void theOverlayWinsOverEveryPackagedFileButNotOverTheCommandLine() throws IOException {
        overlay("spring.cloud.loadbalancer.cache.ttl=3s", "playground.orders.default-saga=choreography",
                "playground.config-dir=somewhere-else", "playground.orders.choreography-timeout=9s");
        refresh.refresh();

        // playground-service.yml (support) said 1s; order-service's application.yml said orchestration.
        assertThat(environment.getProperty("spring.cloud.loadbalancer.cache.ttl")).isEqualTo("3s");
        assertThat(environment.getProperty("playground.orders.default-saga")).isEqualTo("choreography");
        // A profile's own file still wins (here application-test.yml's 8s; on the stack, the postgres
        // profile's database settings).
        assertThat(environment.getProperty("playground.orders.choreography-timeout")).isEqualTo("8s");
        assertThat(environment.getProperty("playground.config-dir")).isEqualTo("target/settings-overlay-test");
    }

    /**
     * Why the supervisor never deletes the overlay of a running app: Spring Cloud's refresh keeps a
     * file's last settings when the file is gone (spring-cloud-commons issue 1116). If this fails,
     * that was fixed, and the marker line could go.
     */
    @Test
    void aDeletedOverlayKeepsItsSettingsUntilTheNextStart() throws IOException {
        overlay(BREAKER + "failure-rate-threshold=80");
        refresh.refresh();

        Files.delete(OVERLAY);
        refresh.refresh();

        assertThat(breaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(80f);
    }

    /** How many of so many new traces (no span is current here) are sampled. */
    private int sampledOfNewTraces(int traces) {
        int sampled = 0;
        for (int i = 0; i < traces; i++) {
            Span root = tracer.nextSpan();
            root.end();
            sampled += Boolean.TRUE.equals(root.context().sampled()) ? 1 : 0;
        }
        return sampled;
    }

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker("inventory-service");
    }

    private MvcTestResult placeOrder() {
        return mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER).exchange();
    }

    /** Writes the overlay as the supervisor does: its marker line, then the settings. */
    private static void overlay(String... settings) throws IOException {
        Files.createDirectories(OVERLAY.getParent());
        Files.writeString(OVERLAY, MARKER + "\n" + String.join("\n", settings) + "\n");
    }
}
