package com.example.playground.gateway.bff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.http.HttpStatusCode;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mobile BFF's shape of an order and its memory of the last one it gave: order-service's
 * {@code GET /api/orders/{id}} cut down to a {@link MobileOrder}, and kept so that an order-service
 * too slow for a phone still gets the last known answer, marked stale. Only answers order-service
 * gave are kept: a 404 or an error passes through as it came, and is never remembered.
 */
final class MobileOrders {

    /** An exchange attribute: its answer is already the phone's shape (the fallback's), not order-service's. */
    static final String SHAPED = MobileOrders.class.getName() + ".shaped";

    /** Orders remembered at most: about 200 bytes each, so a few MB at worst. */
    private static final int KEPT = 10_000;

    /** Amounts as written (25.00 stays 25.00), never through a double. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final Cache<String, MobileOrder> lastSeen;

    MobileOrders(Duration keptFor) {
        this.lastSeen = Caffeine.newBuilder().maximumSize(KEPT).expireAfterWrite(keptFor).build();
    }

    /** The rewrite of order-service's answer: a 2xx order becomes a {@link MobileOrder} and is remembered. */
    RewriteFunction<String, String> summary() {
        return (exchange, body) -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (body == null || status == null || !status.is2xxSuccessful() || exchange.getAttribute(SHAPED) != null) {
                return body == null ? Mono.empty() : Mono.just(body);
            }
            MobileOrder order = summarize(json.readTree(body));
            lastSeen.put(order.orderId(), order);
            return Mono.just(json.writeValueAsString(order));
        };
    }

    Optional<MobileOrder> lastSeen(String orderId) {
        return Optional.ofNullable(orderId).map(lastSeen::getIfPresent);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    private static MobileOrder summarize(JsonNode order) {
        int units = 0;
        for (JsonNode line : order.path("items")) {
            units += line.path("quantity").asInt();
        }
        return new MobileOrder(order.path("orderId").asString(), order.path("status").asString(),
                order.path("total").decimalValue(), units, order.path("updatedAt").asString(null), false, null);
    }
}
