package com.example.playground.order.order;

import static com.example.playground.support.testing.HostileInput.VALID_ORDER;
import static com.example.playground.support.testing.HostileInput.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.support.testing.DocumentedProblems;
import com.example.playground.support.testing.HostileInput;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Properties of the order API over real HTTP (Tomcat, not MockMvc, so Tomcat's own refusals count
 * too): whatever bad input a client sends, the answer is a 4xx problem of a type docs/problems.md
 * lists, and nothing changed: no order, no line, no Idempotency-Key, no OrderPlaced in the outbox,
 * and inventory-service was not even asked. Each repetition draws a new case (support's
 * {@link HostileInput}) from Instancio's random seed; a failure reports the seed, and
 * {@code @Seed(n)} on the method replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EmbeddedKafka(partitions = 1)
@ExtendWith(InstancioExtension.class)
class BadInputPropertyTests {

    static final Set<String> DOCUMENTED = DocumentedProblems.types();

    static InventoryStub inventory;

    @DynamicPropertySource
    static void inventoryInstance(DynamicPropertyRegistry registry) throws IOException {
        inventory = InventoryStub.registeredIn(registry);
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    State before;

    /** What a refused request must leave as it was. */
    record State(long orders, long lines, long idempotencyKeys, long orderPlaced, int inventoryRequests) {
    }

    @BeforeEach
    void remember() {
        before = state();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(state()).as("orders, lines, keys, OrderPlaced in the outbox, calls to inventory").isEqualTo(before);
    }

    // The two cases the issue found, exactly as reported.

    @Test
    void aFractionalQuantityIsRefusedNotRoundedDown() {
        assertRefused(post(order("alice", "book", "1.5"), null), "malformed-request");
    }

    @Test
    void aSkuWithPathCharactersIsRefusedBeforeInventoryIsAsked() {
        HttpResponse<String> response = post(order("alice", "../../etc/passwd", "1"), null);
        assertRefused(response, "validation-failed");
        assertThat(body(response).at("/errors/0/field").asString()).isEqualTo("items[0].sku");
    }

    // Properties: each holds for every generated case.

    @RepeatedTest(40)
    void aQuantityThatIsNotAWholeNumberFrom1To100000IsRefused(@Given(HostileInput.BadQuantities.class) String quantity) {
        assertRefused(post(order("alice", "book", quantity), null), "malformed-request", "validation-failed");
    }

    @RepeatedTest(40)
    void aSkuThatIsNotAnIdentifierIsRefused(@Given(HostileInput.BadIds.class) String sku) {
        assertRefused(post(order("alice", sku, "1"), null), "validation-failed");
    }

    @RepeatedTest(40)
    void aCustomerIdThatIsNotAnIdentifierIsRefused(@Given(HostileInput.BadIds.class) String customerId) {
        assertRefused(post(order(customerId, "book", "1"), null), "validation-failed");
    }

    @RepeatedTest(60)
    void aBodyThatIsNotTheJsonOfAnOrderIsRefused(@Given(HostileInput.MalformedOrders.class) String body) {
        assertRefused(post(body, null), "malformed-request");
    }

    @RepeatedTest(30)
    void aValidOrderWithABadIdempotencyKeyIsRefused(@Given(HostileInput.BadIdempotencyKeys.class) String key) {
        assertThat(post(VALID_ORDER, key)).as("Idempotency-Key [%s]", key)
                .satisfies(response -> assertRefused(response, "invalid-idempotency-key"));
    }

    /**
     * In a path: a malformed id is refused by Spring (validation-failed) or, with an encoded slash or
     * NUL, already by Tomcat (malformed-request); a dot segment is resolved by Tomcat before any id
     * exists ({@code /api/orders/..} is {@code /api/}: not-found).
     */
    @RepeatedTest(40)
    void anOrderIdThatIsNotAnIdentifierIsRefused(@Given(HostileInput.BadIds.class) String orderId) {
        String segment = UriUtils.encodePathSegment(orderId, StandardCharsets.UTF_8);
        assertRefused(get("/api/orders/" + segment), "validation-failed", "malformed-request", "not-found");
        assertRefused(get("/api/orders/" + segment + "/details"), "validation-failed", "malformed-request", "not-found");
    }

    /** Paths the web server would read as others: {@code abc;x=1} as {@code abc}, {@code //details} as {@code /details}. */
    @Test
    void aPathWithParametersOrAnEmptySegmentIsRefused() {
        assertRefused(get("/api/orders/abc;x=1"), "malformed-request");
        assertRefused(get("/api/orders//details"), "malformed-request");
    }

    /**
     * A request no HTTP client library would send (a control character in a header) is refused by
     * Tomcat before Spring sees it; the answer is still a problem, not Tomcat's HTML page.
     */
    @Test
    void aMalformedHeaderIsRefusedWithAProblemToo() throws IOException {
        String answer = raw("POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + VALID_ORDER.length() + "\r\n\r\n" + VALID_ORDER);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json",
                "\"type\":\"urn:playground:problem:malformed-request\"");
    }

    /** The control: the order every case above is a variation of is placed, so "nothing stored" means something. */
    @Test
    void theValidOrderTheCasesVaryIsPlaced() {
        assertThat(post(VALID_ORDER, "a-valid-key").statusCode()).isEqualTo(201);
        assertThat(state().orders()).isEqualTo(before.orders() + 1);
        before = state();
    }

    private void assertRefused(HttpResponse<String> response, String... types) {
        String what = response.request().method() + " " + response.request().uri() + " -> " + response.statusCode()
                + " " + response.body();
        assertThat(response.statusCode()).as(what).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String type = body(response).path("type").asString();
        assertThat(type).as(what).startsWith(DocumentedProblems.PREFIX);
        String name = type.substring(DocumentedProblems.PREFIX.length());
        assertThat(DOCUMENTED).as("documented in docs/problems.md: " + what).contains(name);
        assertThat(name).as(what).isIn((Object[]) types);
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends bytes as they are, and reads the answer until the server closes the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private State state() {
        return new State(count("orders"), count("order_line"), count("idempotency_key"),
                jdbc.sql("select count(*) from outbox_message where message_type = 'OrderPlaced'").query(Long.class).single(),
                inventory.requests());
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
