package com.example.playground.monolith.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order flow over HTTP and a real (in-memory H2) database: every order is decided before the
 * answer, and stock and credit move by exactly the order's amounts, or not at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class OrdersIntegrationTests {

    @Autowired MockMvcTester mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;
    @LocalServerPort int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Placed(String orderId, String status) {
    }

    record Product(String sku, BigDecimal price, int available) {
    }

    record Customer(String customerId, BigDecimal credit) {
    }

    @Test
    void anApprovedOrderTakesExactlyItsStockAndCredit() {
        int books = available("book");
        int pens = available("pen");
        BigDecimal credit = credit("alice");

        MvcTestResult result = place("""
                {"customerId": "alice", "items": [{"sku": "pen", "quantity": 3}, {"sku": "book", "quantity": 2}]}""");

        assertThat(result).hasStatus(HttpStatus.CREATED);
        Placed placed = read(result, Placed.class);
        assertThat(placed.status()).isEqualTo("APPROVED");
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/monolith/orders/" + placed.orderId());
        assertThat(available("book")).isEqualTo(books - 2);
        assertThat(available("pen")).isEqualTo(pens - 3);
        // 2 x 12.50 + 3 x 1.20
        assertThat(credit("alice")).isEqualByComparingTo(credit.subtract(new BigDecimal("28.60")));
        assertThat(mvc.get().uri("/api/monolith/orders/{id}", placed.orderId())).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"orderId": "%s", "customerId": "alice", "status": "APPROVED", "total": 28.60,
                         "items": [{"sku": "book", "quantity": 2, "unitPrice": 12.50},
                                   {"sku": "pen", "quantity": 3, "unitPrice": 1.20}]}""".formatted(placed.orderId()))
                .hasPath("$.createdAt")
                .doesNotHavePath("$.rejectionReason");
    }

    @Test
    void anOrderBeyondTheCustomersCreditIsRejectedAndChangesNothing() {
        int books = available("book");

        Placed placed = read(place("""
                {"customerId": "bob", "items": [{"sku": "book", "quantity": 1}]}"""), Placed.class);

        assertThat(placed.status()).isEqualTo("REJECTED");
        assertThat(available("book")).isEqualTo(books);
        assertThat(credit("bob")).isEqualByComparingTo("0.00");
        assertThat(mvc.get().uri("/api/monolith/orders/{id}", placed.orderId())).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"status": "REJECTED", "rejectionReason": "insufficient credit", "total": 12.50}""");
    }

    @Test
    void anOrderForSomethingOutOfStockIsRejectedAndTakesNoneOfItsOtherLines() {
        int books = available("book");
        BigDecimal credit = credit("alice");

        Placed placed = read(place("""
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}, {"sku": "rare-coin", "quantity": 1}]}"""),
                Placed.class);

        assertThat(placed.status()).isEqualTo("REJECTED");
        assertThat(available("book")).isEqualTo(books);
        assertThat(available("rare-coin")).isZero();
        assertThat(credit("alice")).isEqualByComparingTo(credit);
        assertThat(mvc.get().uri("/api/monolith/orders/{id}", placed.orderId())).bodyJson()
                .extractingPath("$.rejectionReason").isEqualTo("out of stock: rare-coin");
    }

    @Test
    void anUnknownCustomerIs422AndNothingIsStored() {
        long orders = storedOrders();
        int books = available("book");

        assertThat(place("""
                {"customerId": "mallory", "items": [{"sku": "book", "quantity": 1}]}"""))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:unknown-customer");

        assertThat(storedOrders()).isEqualTo(orders);
        assertThat(available("book")).isEqualTo(books);
    }

    @Test
    void anUnknownSkuIs422AndNothingIsStored() {
        long orders = storedOrders();
        int books = available("book");
        BigDecimal credit = credit("alice");

        assertThat(place("""
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}, {"sku": "unicorn", "quantity": 1}]}"""))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:unknown-sku");

        assertThat(storedOrders()).isEqualTo(orders);
        assertThat(available("book")).isEqualTo(books);
        assertThat(credit("alice")).isEqualByComparingTo(credit);
    }

    @Test
    void anUnknownOrderIs404() {
        assertThat(mvc.get().uri("/api/monolith/orders/{id}", UUID.randomUUID()))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:order-not-found");
    }

    /** Two customers want the last 3 units, 2 each, at the same moment: the row lock lets one have them. */
    @RepeatedTest(5)
    void ofTwoOrdersForTheLastUnitsExactlyOneIsApproved() throws Exception {
        String sku = "last-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into product (sku, price, available) values (:sku, 5.00, 3)").param("sku", sku).update();
        String body = """
                {"customerId": "%s", "items": [{"sku": "%s", "quantity": 2}]}""";
        CountDownLatch start = new CountDownLatch(1);
        // A thread each (the common pool may have only one on a small machine), both held at the latch.
        ExecutorService threads = Executors.newFixedThreadPool(2);

        List<CompletableFuture<Placed>> orders = List.of("alice", "carol").stream()
                .map(customer -> CompletableFuture.supplyAsync(() -> postWhen(start, body.formatted(customer, sku)), threads))
                .toList();
        start.countDown();

        List<String> statuses = orders.stream().map(CompletableFuture::join).map(Placed::status).toList();
        threads.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder("APPROVED", "REJECTED");
        assertThat(available(sku)).isEqualTo(1);
    }

    /**
     * Another transaction holds alice's row (as a long order of hers would): an order of hers waits
     * out the lock timeout and is refused 409 rows-locked, with nothing stored and nothing taken.
     */
    @Test
    void anOrderThatWaitsTooLongForARowAnotherHoldsIsRefusedAndStoresNothing() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select credit from customer where customer_id = 'alice' for update").query(BigDecimal.class).single();
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), holder);
        locked.await();
        long orders = jdbc.sql("select count(*) from shop_order").query(Long.class).single();
        int pens = jdbc.sql("select available from product where sku = 'pen'").query(Integer.class).single();
        try {
            assertThat(place("""
                    {"customerId": "alice", "items": [{"sku": "pen", "quantity": 1}]}"""))
                    .hasStatus(HttpStatus.CONFLICT)
                    .hasHeader("Retry-After", "1")
                    .bodyJson().extractingPath("$.type").isEqualTo("urn:playground:problem:rows-locked");
        } finally {
            release.countDown();
            holding.join();
            holder.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from shop_order").query(Long.class).single()).isEqualTo(orders);
        assertThat(jdbc.sql("select available from product where sku = 'pen'").query(Integer.class).single()).isEqualTo(pens);
    }

    /** Over the real server, from its own thread, once the latch opens. */
    private Placed postWhen(CountDownLatch start, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/monolith/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            start.await();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return json.readValue(response.body(), Placed.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private MvcTestResult place(String body) {
        return mvc.post().uri("/api/monolith/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private int available(String sku) {
        return read(mvc.get().uri("/api/monolith/products/{sku}", sku).exchange(), Product.class).available();
    }

    private BigDecimal credit(String customerId) {
        return read(mvc.get().uri("/api/monolith/customers/{id}", customerId).exchange(), Customer.class).credit();
    }

    private long storedOrders() {
        return jdbc.sql("select count(*) from shop_order").query(Long.class).single();
    }

    private <T> T read(MvcTestResult result, Class<T> type) {
        try {
            return json.readValue(result.getResponse().getContentAsString(), type);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
