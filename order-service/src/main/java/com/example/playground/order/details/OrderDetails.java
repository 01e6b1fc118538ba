package com.example.playground.order.details;

import com.example.playground.order.order.OrderView;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/orders/{orderId}/details}: the order, its payments and its reservations in one
 * answer. A part whose service could not answer says so ({@code available: false} and why) instead
 * of failing the whole response.
 */
record OrderDetails(OrderView order, Part payments, Part reservations) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** One service's part, and how long it took to get it (or to give up), so a slow half is visible. */
    record Part(String source, boolean available, long tookMs, JsonNode items, String unavailableBecause) {

        static Part of(String source, long tookMs, JsonNode items) {
            return new Part(source, true, tookMs, items, null);
        }

        static Part unavailable(String source, long tookMs, String why) {
            return new Part(source, false, tookMs, null, why);
        }
    }
}
