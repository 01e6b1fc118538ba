package com.example.playground.payment.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.testing.KafkaProbe;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Event sourcing: each customer's credit as a ledger of events, the balance folded from it, and re-folded. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
class CreditLedgerIntegrationTests {

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired MockMvcTester mvc;
    @Autowired CreditLedger ledger;
    @Autowired RebuildEndpoint rebuild;
    @Autowired Faults faults;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired PreparedCharges charges;

    KafkaProbe probe;

    @BeforeEach
    void watchEvents() {
        faults.healAll();
        probe = new KafkaProbe(broker, kafka, json, Topics.PAYMENT_EVENTS);
    }

    @AfterEach
    void stopWatching() {
        faults.healAll();
        probe.close();
    }

    @Test
    void anAccountsFirstEventIsItsOpening() {
        String customer = opened("10000.00");

        assertThat(mvc.get().uri("/api/payments/customers/{id}", customer)).hasStatusOk().bodyJson()
                .extractingPath("$.credit").asNumber().isEqualTo(10000.00);
        assertThat(mvc.get().uri("/api/payments/customers/{id}/events", customer)).hasStatusOk().bodyJson()
                .satisfies(ledger -> {
                    ledger.assertThat().extractingPath("$.events").isEqualTo(1);
                    ledger.assertThat().extractingPath("$.latest[0].kind").isEqualTo("OPENED");
                    ledger.assertThat().extractingPath("$.latest[0].seq").isEqualTo(1);
                    ledger.assertThat().extractingPath("$.latest[0].balance").asNumber().isEqualTo(10000.00);
                    ledger.assertThat().extractingPath("$.storedBalance").asNumber().isEqualTo(10000.00);
                });
    }

    @Test
    void theSeededAccountsHaveTheirOpeningInTheLedger() {
        assertThat(ledger.statement("carol", null, 500).orElseThrow().latest().get(0).kind())
                .isEqualTo(CreditEvent.Kind.OPENED);
        assertThat(driftedCustomers(rebuild.status())).doesNotContain("alice", "bob", "bench", "carol");
    }

    @Test
    void aPaymentAndItsRefundAreEventsAndTheBalanceIsTheirFold() {
        String customer = opened("10000.00");
        String orderId = UUID.randomUUID().toString();

        probe.send(new AuthorizePaymentCommand(orderId, customer, new BigDecimal("25.00")));
        PaymentAuthorized authorized = probe.await(PaymentAuthorized.class, orderId);
        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("9975.00"));
        probe.send(new RefundPaymentCommand(orderId));
        probe.await(PaymentRefunded.class, orderId);

        CreditLedger.Statement statement = statement(customer);
        assertThat(statement.latest()).extracting(CreditLedger.Line::kind).containsExactly(
                CreditEvent.Kind.OPENED, CreditEvent.Kind.AUTHORIZED, CreditEvent.Kind.REFUNDED);
        assertThat(statement.latest()).extracting(line -> line.balance().toPlainString())
                .containsExactly("10000.00", "9975.00", "10000.00");
        assertThat(statement.latest().get(1).orderId()).isEqualTo(orderId);
        assertThat(statement.latest().get(1).paymentId()).isEqualTo(authorized.paymentId());
        assertThat(statement.balance()).isEqualByComparingTo(ledger.balanceOf(customer).orElseThrow());
    }

    @Test
    void aDeclinedPaymentLeavesNoEvent() {
        String customer = opened("10.00");
        String orderId = UUID.randomUUID().toString();

        probe.send(new AuthorizePaymentCommand(orderId, customer, new BigDecimal("25.00")));
        probe.await(com.example.playground.contracts.PaymentDeclined.class, orderId);

        assertThat(statement(customer).events()).isEqualTo(1);
        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("10.00"));
    }

    @Test
    void asOfAMomentTheLedgerShowsTheBalanceThen() {
        String customer = opened("10000.00");
        OffsetDateTime beforeThePayment = OffsetDateTime.now();
        String orderId = UUID.randomUUID().toString();
        probe.send(new AuthorizePaymentCommand(orderId, customer, new BigDecimal("25.00")));
        probe.await(PaymentAuthorized.class, orderId);

        assertThat(mvc.get().uri("/api/payments/customers/{id}/events?asOf={at}", customer, beforeThePayment.toString()))
                .hasStatusOk().bodyJson().satisfies(ledger -> {
                    ledger.assertThat().extractingPath("$.balance").asNumber().isEqualTo(10000.00);
                    ledger.assertThat().extractingPath("$.events").isEqualTo(1);
                    ledger.assertThat().extractingPath("$.storedBalance").isNull();
                });
        assertThat(mvc.get().uri("/api/payments/customers/{id}/events", customer)).hasStatusOk().bodyJson()
                .extractingPath("$.balance").asNumber().isEqualTo(9975.00);
    }

    @Test
    void withTheProjectionCorruptTheBalanceDriftsAndARebuildFoldsItBackExactly() {
        String customer = opened("10000.00");
        String orderId = UUID.randomUUID().toString();
        faults.set(Switch.BALANCE_PROJECTION_CORRUPT, true);
        probe.send(new AuthorizePaymentCommand(orderId, customer, new BigDecimal("25.00")));
        probe.await(PaymentAuthorized.class, orderId);
        faults.set(Switch.BALANCE_PROJECTION_CORRUPT, false);

        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("10000.00"));
        assertThat(statement(customer).balance()).isEqualByComparingTo("9975.00");
        assertThat(driftedCustomers(rebuild.status())).contains(customer);

        Map<String, Object> answer = rebuild.rebuild();

        assertThat(driftedCustomers(Map.of("drifted", answer.get("corrected")))).contains(customer);
        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("9975.00"));
        assertThat(driftedCustomers(rebuild.status())).doesNotContain(customer);
        // Folded again with nothing wrong, the balances stay as they are.
        Object digest = rebuild.status().get("digest");
        rebuild.rebuild();
        assertThat(rebuild.status().get("digest")).isEqualTo(digest);
    }

    @Test
    void aDoubleChargeShowsAsTwoEventsThatExplainTheBalance() {
        String customer = opened("10000.00");
        String orderId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        var command = new AuthorizePaymentCommand(orderId, customer, new BigDecimal("25.00"));
        faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, true);
        probe.send(command, messageId);
        probe.send(command, messageId);

        await().untilAsserted(() -> assertThat(statement(customer).events()).isEqualTo(3));
        assertThat(statement(customer).latest()).filteredOn(line -> orderId.equals(line.orderId()))
                .extracting(CreditLedger.Line::kind).containsExactly(CreditEvent.Kind.AUTHORIZED, CreditEvent.Kind.AUTHORIZED);
        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("9950.00"));
    }

    @Test
    void paymentsOfOneCustomerAtOnceEachGetTheirOwnNumber() {
        String customer = opened("100.00");

        ExecutorService payers = Executors.newFixedThreadPool(8);
        CyclicBarrier together = new CyclicBarrier(8);
        List<Boolean> taken;
        try {
            taken = IntStream.range(0, 8).mapToObj(i -> payers.submit(() -> {
                together.await();
                return transactions.execute(tx -> ledger.authorize(customer, "order-" + i, "payment-" + i,
                        new BigDecimal("20.00")));
            })).toList().stream().map(CreditLedgerIntegrationTests::join).toList();
        } finally {
            payers.shutdownNow();
        }

        assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(5);
        CreditLedger.Statement statement = statement(customer);
        assertThat(statement.latest()).extracting(CreditLedger.Line::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(statement.balance()).isEqualByComparingTo("0.00");
        assertThat(ledger.balanceOf(customer)).contains(new BigDecimal("0.00"));
    }

    @Test
    void aMomentWithoutItsOffsetOrAnUnknownCustomerIsAProblem() {
        String customer = opened("1.00");
        assertThat(mvc.get().uri("/api/payments/customers/{id}/events?asOf=2026-12-01T10:15:30", customer))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:playground:problem:invalid-parameter");
        assertThat(mvc.get().uri("/api/payments/customers/nobody-here/events"))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:playground:problem:unknown-customer");
        assertThat(mvc.get().uri("/api/payments/customers/{id}/events?limit=0", customer))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:playground:problem:validation-failed");
    }

    /** A customer of the test's own, opened as the migrations open the seeded ones: the account and its OPENED event. */
    private String opened(String credit) {
        String customer = "es-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into customer_account (customer_id, credit, version) values (:id, :credit, 1)")
                .param("id", customer).param("credit", new BigDecimal(credit)).update();
        jdbc.sql("""
                        insert into credit_event (customer_id, seq, kind, amount, occurred_at)
                        values (:id, 1, 'OPENED', :credit, current_timestamp)""")
                .param("id", customer).param("credit", new BigDecimal(credit)).update();
        return customer;
    }

    private CreditLedger.Statement statement(String customer) {
        return ledger.statement(customer, null, 50).orElseThrow();
    }

    private static Boolean join(Future<Boolean> taken) {
        try {
            return taken.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> driftedCustomers(Map<String, Object> status) {
        return ((List<Map<String, Object>>) status.get("drifted")).stream()
                .map(account -> (String) account.get("customerId")).toList();
    }
}
