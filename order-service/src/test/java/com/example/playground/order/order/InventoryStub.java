package com.example.playground.order.order;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for inventory-service's read API in order-service's own tests (the real one answers in
 * the system tests). Serves the seed SKUs; "flaky" answers 500, like a failing dependency.
 */
class InventoryStub implements AutoCloseable {

    private static final Map<String, String> PRICES = Map.of("book", "12.50", "pen", "1.20", "rare-coin", "500.00");

    private final HttpServer server;

    InventoryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 404 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
