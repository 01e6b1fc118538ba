package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * An order placed since the lab started, as the public API shows it: the order (order-service)
 * and its saga (the saga-orchestrator, either style). Starting a lab wipes every service's data, so
 * whatever they know was placed since. The saga-orchestrator's list is the way to find them (there
 * is no list of orders): an order whose {@code OrderPlaced} was never published is not in it yet.
 */
record PlacedOrder(String id, Object order, Object saga) {

    /** The orders whose saga began, newest first (at most 50, plenty for a lab). */
    static List<PlacedOrder> all(RunningPlayground p) {
        return Json.listAt(Json.parse(orEmptyList(p.get("/api/sagas?limit=50").body()))).stream()
                .map(saga -> Json.text(saga, "orderId"))
                .filter(Objects::nonNull)
                .map(id -> find(p, id))
                .toList();
    }

    static PlacedOrder find(RunningPlayground p, String id) {
        return new PlacedOrder(id, p.get("/api/orders/" + id).json(), p.get("/api/sagas/" + id).json());
    }

    String customer() {
        return Json.text(order, "customerId");
    }

    /** PENDING, APPROVED, REJECTED (null if order-service does not answer). */
    String status() {
        return Json.text(order, "status");
    }

    /** orchestration or choreography. */
    String style() {
        return Json.text(saga, "style");
    }

    /** RUNNING, COMPENSATING, COMPLETED, ROLLED_BACK. */
    String sagaState() {
        return Json.text(saga, "state");
    }

    boolean sagaEnded() {
        return "COMPLETED".equals(sagaState()) || "ROLLED_BACK".equals(sagaState());
    }

    /** The saga's history, one line per step outcome. */
    List<Object> steps() {
        return Json.listAt(saga, "steps");
    }

    /** When order-service stored it. */
    Instant createdAt() {
        return instant(Json.text(order, "createdAt"));
    }

    /** When the saga-orchestrator heard its OrderPlaced: after the relay published it. */
    Instant sagaStartedAt() {
        return instant(Json.text(saga, "startedAt"));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String orEmptyList(String body) {
        return body != null && body.trim().startsWith("[") ? body : "[]";
    }
}
