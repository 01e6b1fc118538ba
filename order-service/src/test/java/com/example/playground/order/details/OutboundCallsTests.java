package com.example.playground.order.details;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.order.catalog.Catalog;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever an id holds, the calls order-service makes with it go to the path they name: the id is
 * one encoded path segment or query value, never a '/', '?', '#' or '&' of the URL. (The API lets
 * only Identifiers this far; this is the second line.) A stub records the raw request line.
 */
class OutboundCallsTests {

    static final String HOSTILE = "../../x?y=1&orderId=2#z";

    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null
                    ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // No SKU is known here; the lists of payments and reservations are empty.
            String path = exchange.getRequestURI().getRawPath();
            boolean sku = path.startsWith("/api/inventory/") && !path.equals("/api/inventory/reservations");
            exchange.sendResponseHeaders(sku ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSkuIsOnePathSegmentOfTheCatalogCall() {
        assertThat(new Catalog(client()).find(HOSTILE)).isEmpty();

        assertThat(received).containsExactly("/api/inventory/..%2F..%2Fx%3Fy%3D1%26orderId%3D2%23z");
    }

    @Test
    void anOrderIdIsOneQueryValueOfTheDetailsCalls() {
        Neighbours neighbours = new Neighbours(client(), client(), JsonMapper.builder().build());

        neighbours.paymentsOf(HOSTILE).join();
        neighbours.reservationsOf(HOSTILE).join();

        assertThat(received).containsExactly(
                "/api/payments?orderId=..%2F..%2Fx%3Fy%3D1%26orderId%3D2%23z",
                "/api/inventory/reservations?orderId=..%2F..%2Fx%3Fy%3D1%26orderId%3D2%23z");
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
    }
}
