package com.example.playground.system;

import static com.example.playground.support.testing.HostileInput.VALID_ORDER;
import static com.example.playground.support.testing.HostileInput.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.support.testing.DocumentedProblems;
import com.example.playground.support.testing.HostileInput;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Bad input through the gateway of the real stack: generated hostile orders, ids, bodies and
 * Idempotency-Keys (support's {@link HostileInput}, the same as the services' own tests use), each
 * answered with a 4xx problem of a type docs/problems.md lists. And nothing changed: after all of
 * them, one valid order is placed and followed to its end, and the stock of every seed SKU, the
 * credit of both customers and the list of sagas have moved by that order and nothing else.
 *
 * <p>Each repetition draws a new case from Instancio's random seed; a failure reports the seed.
 * Requests are paced below the gateway's rate limit (20 a second from one address), so that a 429
 * never stands in for the answer under test.
 */
@ExtendWith(InstancioExtension.class)
class BadInputIT {

    static final Set<String> DOCUMENTED = DocumentedProblems.types();
    static final List<String> SEED_SKUS = List.of("book", "pen", "rare-coin");
    /** About 14 requests a second: well below the gateway's 20. */
    static final long PACE_NANOS = Duration.ofMillis(70).toNanos();

    static RunningStack stack;
    static Map<String, JsonNode> stockBefore;
    static Map<String, BigDecimal> creditBefore;
    static Set<String> sagasBefore;
    static long lastRequest;

    @BeforeAll
    static void rememberTheStack() {
        stack = RunningStack.get();
        // What ran before (the control room's traffic, a scenario's last orders) may still be paying or
        // reserving: the figures below are the baseline only once every saga has ended.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.get("/api/sagas?limit=50").body().valueStream()
                        .allMatch(saga -> Set.of("COMPLETED", "ROLLED_BACK").contains(saga.get("state").asString())));
        stockBefore = stock();
        creditBefore = credit();
        sagasBefore = sagas();
    }

    // The two cases the issue found, exactly as reported.

    @Test
    void aFractionalQuantityIsA400ProblemNotAnOrderOfOne() {
        assertRefused(post(order("alice", "book", "1.5")), "malformed-request");
    }

    @Test
    void aSkuWithPathCharactersIsA400ProblemNotA503() {
        RunningStack.Response response = post(order("alice", "../../etc/passwd", "1"));
        assertRefused(response, "validation-failed");
        assertThat(response.status()).isEqualTo(400);
    }

    // Properties: each holds for every generated case.

    @RepeatedTest(12)
    void aQuantityThatIsNotAWholeNumberFrom1To100000IsRefused(@Given(HostileInput.BadQuantities.class) String quantity) {
        assertRefused(post(order("alice", "book", quantity)), "malformed-request", "validation-failed");
    }

    @RepeatedTest(12)
    void aSkuOrCustomerIdThatIsNotAnIdentifierIsRefused(@Given(HostileInput.BadIds.class) String id) {
        assertRefused(post(order("alice", id, "1")), "validation-failed");
        assertRefused(post(order(id, "book", "1")), "validation-failed");
    }

    @RepeatedTest(15)
    void aBodyThatIsNotTheJsonOfAnOrderIsRefused(@Given(HostileInput.MalformedOrders.class) String body) {
        assertRefused(post(body), "malformed-request");
    }

    @RepeatedTest(8)
    void aValidOrderWithABadIdempotencyKeyIsRefused(@Given(HostileInput.BadIdempotencyKeys.class) String key) {
        pace();
        assertRefused(stack.post("/api/orders", VALID_ORDER, Map.of("Idempotency-Key", key)), "invalid-idempotency-key");
    }

    /**
     * Every id the public API takes in a path or a query. A dot segment is resolved before any id
     * exists ({@code /api/orders/..} is {@code /api/}): not-found. An encoded slash or NUL is refused
     * by the service's web server before Spring sees it: malformed-request.
     */
    @RepeatedTest(8)
    void anIdInAPathOrQueryThatIsNotAnIdentifierIsRefused(@Given(HostileInput.BadIds.class) String id) {
        String segment = HostileInput.percentEncoded(id);
        String value = HostileInput.percentEncoded(id);
        for (String path : List.of("/api/orders/" + segment, "/api/orders/" + segment + "/details",
                "/api/sagas/" + segment, "/api/inventory/" + segment, "/api/payments/customers/" + segment,
                "/api/payments?orderId=" + value, "/api/inventory/reservations?orderId=" + value)) {
            assertRefused(get(path), "validation-failed", "malformed-request", "not-found");
        }
    }

    /** Paths the web server would read as others: {@code abc;x=1} as {@code abc}, {@code //details} as {@code /details}. */
    @Test
    void aPathWithParametersOrAnEmptySegmentIsRefused() {
        assertRefused(get("/api/orders/abc;x=1"), "malformed-request");
        assertRefused(get("/api/inventory/book;v=2"), "malformed-request");
        assertRefused(get("/api/orders//details"), "malformed-request");
    }

    @Test
    void aLimitThatIsNotAWholeNumberFrom1To50IsRefused() {
        for (String limit : List.of("ten", "1.5", "0", "51", "-1", "99999999999")) {
            assertRefused(get("/api/sagas?limit=" + limit), "invalid-parameter", "invalid-limit");
        }
    }

    /** Well-formed ids nobody has: 404 problems, as before. */
    @Test
    void aWellFormedIdThatIsUnknownIsNotFound() {
        assertRefused(get("/api/orders/no-such-order"), "order-not-found");
        assertRefused(get("/api/inventory/no-such-sku"), "unknown-sku");
        assertRefused(get("/api/payments/customers/mallory"), "unknown-customer");
        assertRefused(get("/api/sagas/no-such-order"), "saga-not-found");
    }

    /**
     * The proof that nothing was stored: one valid order now, followed to its end. Had any bad
     * request been taken as an order, its saga would be listed too, and stock or credit would have
     * moved by more than this order's one pen.
     */
    @AfterAll
    static void nothingButTheMarkerOrderChangedAnything() {
        RunningStack.Response placed = stack.post("/api/orders",
                order("alice", "pen", "1").replace("]}", "], \"saga\": \"orchestration\"}"));
        assertThat(placed.status()).as("the marker order: %s", placed.body()).isEqualTo(201);
        String marker = placed.body().get("orderId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.get("/api/sagas/" + marker), saga -> saga.status() == 200
                        && saga.body().get("state").asString().equals("COMPLETED"));

        Set<String> newSagas = new HashSet<>(sagas());
        newSagas.removeAll(sagasBefore);
        assertThat(newSagas).as("sagas started since the first bad request").containsExactly(marker);
        Map<String, JsonNode> stock = stock();
        for (String sku : SEED_SKUS) {
            // The marker's pen moves from available to reserved, where the stock of approved orders stays.
            int sold = sku.equals("pen") ? 1 : 0;
            assertThat(stock.get(sku).get("available").asInt()).as(sku)
                    .isEqualTo(stockBefore.get(sku).get("available").asInt() - sold);
            assertThat(stock.get(sku).get("reserved").asInt()).as(sku)
                    .isEqualTo(stockBefore.get(sku).get("reserved").asInt() + sold);
        }
        Map<String, BigDecimal> credit = credit();
        assertThat(credit.get("alice")).isEqualByComparingTo(creditBefore.get("alice").subtract(new BigDecimal("1.20")));
        assertThat(credit.get("bob")).isEqualByComparingTo(creditBefore.get("bob"));
    }

    private static void assertRefused(RunningStack.Response response, String... types) {
        String what = response.raw().request().method() + " " + response.raw().request().uri() + " -> "
                + response.status() + " " + response.raw().body();
        assertThat(response.status()).as(what).isBetween(400, 499).isNotEqualTo(429);
        assertThat(response.raw().headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String type = response.body().path("type").asString();
        assertThat(type).as(what).startsWith(DocumentedProblems.PREFIX);
        String name = type.substring(DocumentedProblems.PREFIX.length());
        assertThat(DOCUMENTED).as("documented in docs/problems.md: " + what).contains(name);
        assertThat(name).as(what).isIn((Object[]) types);
    }

    private static RunningStack.Response post(String body) {
        pace();
        return stack.post("/api/orders", body);
    }

    private static RunningStack.Response get(String path) {
        pace();
        return stack.get(path);
    }

    /** Keeps this class's requests below the gateway's rate limit: a rate, not a wait for a condition. */
    private static void pace() {
        long wait = lastRequest + PACE_NANOS - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        lastRequest = System.nanoTime();
    }

    private static Map<String, JsonNode> stock() {
        return Map.of("book", stack.get("/api/inventory/book").body(), "pen", stack.get("/api/inventory/pen").body(),
                "rare-coin", stack.get("/api/inventory/rare-coin").body());
    }

    private static Map<String, BigDecimal> credit() {
        return Map.of("alice", stack.get("/api/payments/customers/alice").body().get("credit").decimalValue(),
                "bob", stack.get("/api/payments/customers/bob").body().get("credit").decimalValue());
    }

    /** The order ids of the latest 50 sagas, both styles (choreographed orders are listed too). */
    private static Set<String> sagas() {
        Set<String> ids = new HashSet<>();
        stack.get("/api/sagas?limit=50").body().forEach(saga -> ids.add(saga.get("orderId").asString()));
        return ids;
    }
}
