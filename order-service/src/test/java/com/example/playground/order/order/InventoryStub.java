package com.example.playground.order.order;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for inventory-service's read API (and payment-service's, for order details) in
 * order-service's own tests; the real ones answer in the system tests. Serves the seed SKUs;
 * "flaky" answers 500, like a failing dependency. Public for the tests of order-service's other
 * packages (the order history's).
 */
public class InventoryStub implements AutoCloseable {

    private static final Map<String, String> PRICES = Map.of("book", "12.50", "pen", "1.20", "rare-coin", "500.00");

    private final HttpServer server;
    /** Every request it was sent: the bad-input tests check that none was made for a refused request. */
    private final AtomicInteger requests = new AtomicInteger();
    /** What the two participants were told, in order: "POST <path>" of each two-phase-commit call. */
    private final List<String> twoPhaseCalls = new CopyOnWriteArrayList<>();
    /** The order ids both participants say they hold prepared (a late vote, say), for recovery's tests. */
    final List<String> heldPrepared = new CopyOnWriteArrayList<>();

    /** A started stub, registered as the instances of inventory-service and payment-service. */
    public static InventoryStub registeredIn(DynamicPropertyRegistry registry) throws IOException {
        InventoryStub stub = new InventoryStub();
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", stub::url);
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[0].uri", stub::url);
        return stub;
    }

    InventoryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Several requests at once, as a real service would: the order-details test relies on it.
        server.setExecutor(Executors.newCachedThreadPool());
        // payment-service's and inventory-service's halves of an order's details.
        server.createContext("/api/payments",
                exchange -> answer(exchange, 200, "application/json", "[{\"status\":\"AUTHORIZED\",\"amount\":25.00}]"));
        // payment-service's credit, asked when the distributed-monolith switch is on: bob cannot afford much.
        server.createContext("/api/payments/customers/", exchange -> {
            String customer = exchange.getRequestURI().getPath().substring("/api/payments/customers/".length());
            answer(exchange, 200, "application/json", "{\"customerId\":\"%s\",\"credit\":%s}"
                    .formatted(customer, customer.equals("bob") ? "5.00" : "10000.00"));
        });
        // Both participants of two-phase commit: a vote is yes unless it is for rare-coin (inventory) or bob (payment).
        server.createContext("/internal/two-phase-commit/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET")) {
                // What each participant holds prepared, for recovery's question: usually nothing.
                answer(exchange, 200, "application/json", "[" + String.join(",", heldPrepared.stream()
                        .map(id -> "\"" + id + "\"").toList()) + "]");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            twoPhaseCalls.add(exchange.getRequestMethod() + " " + path);
            boolean refused = body.contains("rare-coin") || body.contains("\"bob\"");
            if (body.contains("\"carol\"")) {
                answer(exchange, 500, "application/json", "{}"); // a participant failing: it cannot vote
            } else if (refused) {
                answer(exchange, 409, "application/problem+json",
                        "{\"type\":\"urn:playground:problem:out-of-stock\",\"status\":409,\"detail\":\"not this one\"}");
            } else {
                answer(exchange, 200, "application/json", "{\"ended\":true}");
            }
        });
        server.createContext("/api/inventory/reservations",
                exchange -> answer(exchange, 200, "application/json", "[{\"sku\":\"book\",\"quantity\":2,\"status\":\"RESERVED\"}]"));
        server.createContext("/api/inventory/", exchange -> {
            String sku = exchange.getRequestURI().getPath().substring("/api/inventory/".length());
            int status;
            String body;
            if (sku.equals("flaky")) {
                status = 500;
                body = "{}";
            } else if (PRICES.containsKey(sku)) {
                status = 200;
                body = "{\"sku\":\"%s\",\"price\":%s,\"available\":1000,\"reserved\":0}".formatted(sku, PRICES.get(sku));
            } else {
                status = 404;
                body = "{\"type\":\"urn:playground:problem:unknown-sku\",\"status\":404}";
            }
            answer(exchange, status, status == 404 ? "application/problem+json" : "application/json", body);
        });
        server.start();
    }

    /** The two-phase-commit calls made for one order: "POST <path>" with the order id left out. */
    List<String> twoPhaseCallsFor(String orderId) {
        return twoPhaseCalls.stream().filter(call -> call.contains(orderId)).map(call -> call.replace("/" + orderId, "")).toList();
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
