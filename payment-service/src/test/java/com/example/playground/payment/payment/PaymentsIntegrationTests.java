package com.example.playground.payment.payment;

import org.springframework.web.context.WebApplicationContext;
import com.example.playground.support.testing.ApiDescriptions;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.payment.credit.CreditLedger;
import com.example.playground.payment.payment.Payment.PaymentStatus;
import com.example.playground.support.faults.Fault;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import com.example.playground.support.testing.KafkaProbe;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/** Payment as a saga participant, over a real (embedded KRaft) Kafka broker and H2. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class PaymentsIntegrationTests {

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired PaymentRepository repository;
    @Autowired CreditLedger ledger;
    @Autowired MockMvcTester mvc;
    
    @Autowired Faults faults;
    @Autowired CircuitBreakerRegistry breakers;

    KafkaProbe probe;

    @BeforeEach
    void watchEvents() {
        probe = new KafkaProbe(broker, kafka, json, Topics.PAYMENT_EVENTS);
        // Every test starts with the provider well and its breaker closed and empty.
        faults.healAll();
        breakers.circuitBreaker("payment-provider").reset();
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void authorisesAgainstCreditAndRefundsIt() {
        String orderId = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");

        probe.send(new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("25.00")));
        PaymentAuthorized authorized = probe.await(PaymentAuthorized.class, orderId);
        assertThat(authorized.amount()).isEqualByComparingTo("25.00");
        assertThat(credit("alice")).isEqualByComparingTo(before.subtract(new BigDecimal("25.00")));

        probe.send(new RefundPaymentCommand(orderId));
        assertThat(probe.await(PaymentRefunded.class, orderId).paymentId()).isEqualTo(authorized.paymentId());
        assertThat(credit("alice")).isEqualByComparingTo(before);
        assertThat(repository.findByOrder(orderId)).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED));
    }

    @Test
    void aProviderThatFailsEveryOtherCallIsRetriedAndThePaymentAuthorised() {
        String orderId = UUID.randomUUID().toString();
        faults.set(new Fault("payment-provider", 0, 0, 0.5, false));

        probe.send(new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("5.00")));

        assertThat(probe.await(PaymentAuthorized.class, orderId).amount()).isEqualByComparingTo("5.00");
    }

    @Test
    void aProviderThatKeepsFailingDeclinesThePaymentAndChargesNothing() {
        String orderId = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");
        faults.set(new Fault("payment-provider", 0, 0, 1.0, false));

        probe.send(new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("5.00")));

        assertThat(probe.await(PaymentDeclined.class, orderId).reason())
                .isEqualTo("Payment declined: payment provider unavailable: ResourceAccessException");
        assertThat(credit("alice")).isEqualByComparingTo(before);
    }

    @Test
    void whileTheProvidersBreakerIsOpenPaymentsAreDeclinedAtOnceSayingSo() {
        faults.set(new Fault("payment-provider", 0, 0, 1.0, false));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        probe.send(new AuthorizePaymentCommand(first, "alice", new BigDecimal("5.00")));
        probe.send(new AuthorizePaymentCommand(second, "alice", new BigDecimal("5.00")));
        probe.await(PaymentDeclined.class, second);
        assertThat(breakers.circuitBreaker("payment-provider").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        faults.healAll();
        String third = UUID.randomUUID().toString();
        probe.send(new AuthorizePaymentCommand(third, "alice", new BigDecimal("5.00")));
        assertThat(probe.await(PaymentDeclined.class, third).reason())
                .isEqualTo("Payment declined: payment provider unavailable: its circuit breaker is open");
    }

    @Test
    void declinesACustomerWithoutCreditAndChargesNothing() {
        String orderId = UUID.randomUUID().toString();

        probe.send(new AuthorizePaymentCommand(orderId, "bob", new BigDecimal("25.00")));

        assertThat(probe.await(PaymentDeclined.class, orderId).reason()).contains("insufficient credit");
        assertThat(credit("bob")).isEqualByComparingTo("0.00");
        assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId)).hasStatusOk()
                .bodyJson().extractingPath("$[0].status").isEqualTo("DECLINED");
    }

    @Test
    void theSameCommandSentTwiceChargesOnce() {
        String orderId = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");
        var command = new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("10.00"));

        probe.send(command);   // two different message ids: the inbox cannot tell, the payment table can
        probe.send(command);

        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThat(probe.find(PaymentAuthorized.class, orderId)).hasSize(2));
        assertThat(credit("alice")).isEqualByComparingTo(before.subtract(BigDecimal.TEN));
        assertThat(repository.findByOrder(orderId)).hasSize(1);
    }

    @Test
    void withTheIdempotencyCheckSwitchedOffARedeliveryChargesTwice() {
        String orderId = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");
        String messageId = UUID.randomUUID().toString();
        var command = new AuthorizePaymentCommand(orderId, "alice", new BigDecimal("10.00"));
        faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, true);
        try {
            probe.send(command, messageId);
            probe.send(command, messageId);

            org.awaitility.Awaitility.await().untilAsserted(() ->
                    assertThat(repository.findByOrder(orderId)).hasSize(2));
            assertThat(credit("alice")).isEqualByComparingTo(before.subtract(new BigDecimal("20.00")));
        } finally {
            faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, false);
        }
    }

    @Test
    void showsACustomersCredit() {
        assertThat(mvc.get().uri("/api/payments/customers/bob")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("{\"customerId\": \"bob\", \"credit\": 0.00}");
        assertThat(mvc.get().uri("/api/payments/customers/mallory")).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:unknown-customer");
    }

    @Test
    void askingForPaymentsWithoutAnOrderIdIsAProblem() {
        assertThat(mvc.get().uri("/api/payments")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:missing-parameter");
    }

    @Test
    void choreographyChargesOnceTheStockIsReservedWhicheverEventComesFirst() {
        String placedFirst = UUID.randomUUID().toString();
        String reservedFirst = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");

        probe.send(placed(placedFirst, SagaStyle.CHOREOGRAPHY));
        probe.send(new StockReserved(placedFirst));
        probe.send(new StockReserved(reservedFirst));
        probe.send(placed(reservedFirst, SagaStyle.CHOREOGRAPHY));

        probe.await(PaymentAuthorized.class, placedFirst);
        probe.await(PaymentAuthorized.class, reservedFirst);
        assertThat(credit("alice")).isEqualByComparingTo(before.subtract(new BigDecimal("50.00")));
    }

    @Test
    void choreographyRefundsARejectedOrderAndNeverChargesOneRejectedFirst() {
        String charged = UUID.randomUUID().toString();
        String rejectedFirst = UUID.randomUUID().toString();
        BigDecimal before = credit("alice");

        probe.send(placed(charged, SagaStyle.CHOREOGRAPHY));
        probe.send(new StockReserved(charged));
        probe.await(PaymentAuthorized.class, charged);
        probe.send(new OrderRejected(charged, "Timed out"));
        probe.await(PaymentRefunded.class, charged);

        probe.send(placed(rejectedFirst, SagaStyle.CHOREOGRAPHY));
        probe.send(new OrderRejected(rejectedFirst, "Timed out"));
        probe.send(new StockReserved(rejectedFirst));
        // A marker charged after it on both topics: by then, rejectedFirst's events were all handled.
        String marker = UUID.randomUUID().toString();
        probe.send(placed(marker, SagaStyle.CHOREOGRAPHY));
        probe.send(new StockReserved(marker));
        probe.await(PaymentAuthorized.class, marker);

        assertThat(repository.findByOrder(rejectedFirst)).isEmpty();
        assertThat(credit("alice")).isEqualByComparingTo(before.subtract(new BigDecimal("25.00")));
    }

    @Test
    void choreographyLeavesOrchestratedOrdersToTheOrchestrator() {
        String orchestrated = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        probe.send(placed(orchestrated, SagaStyle.ORCHESTRATION));
        probe.send(new StockReserved(orchestrated));
        // The marker's events follow on both topics: once it is charged, both of the above were handled.
        probe.send(placed(marker, SagaStyle.CHOREOGRAPHY));
        probe.send(new StockReserved(marker));
        probe.await(PaymentAuthorized.class, marker);

        assertThat(repository.findByOrder(orchestrated)).isEmpty();
    }

    private static OrderPlaced placed(String orderId, SagaStyle saga) {
        return new OrderPlaced(orderId, "alice", List.of(new OrderLine("book", 2)), new BigDecimal("25.00"), saga);
    }

    private BigDecimal credit(String customerId) {
        return ledger.balanceOf(customerId).orElseThrow();
    }

    /**
     * Ids are checked before any lookup: a malformed one is a 400, a well-formed unknown one still a
     * 404. (MockMvc has no web server: ids with '/' are covered over real HTTP, in order-service's
     * BadInputPropertyTests and the system tests' BadInputIT.)
     */
    @ParameterizedTest(name = "{0} [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/payments/customers/{id} | .alice      | 400 | validation-failed
            /api/payments/customers/{id} | alice bob   | 400 | validation-failed
            /api/payments/customers/{id} | mallory     | 404 | unknown-customer
            /api/payments?orderId={id}   | 1 OR 1=1    | 400 | validation-failed
            /api/payments?orderId={id}   | a,b         | 400 | validation-failed
            """)
    void anIdThatIsNotAnIdentifierIsRefusedBeforeAnyLookup(String uri, String id, int status, String type) {
        assertThat(mvc.get().uri(uri, id)).hasStatus(status).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:playground:problem:" + type);
    }

    /** docs/api/payment-service.json, which the gateway's Swagger UI serves, is what its controllers describe now. */
    @Test
    void itsApiDescriptionIsTheOneTheGatewayServes(@Autowired WebApplicationContext context) throws Exception {
        ApiDescriptions.assertCurrent(context, "payment-service");
    }
}
