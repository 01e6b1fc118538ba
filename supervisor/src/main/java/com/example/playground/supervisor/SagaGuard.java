package com.example.playground.supervisor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Decides whether a parked message of an order may be put back on its topic, by asking the public
 * API (through the gateway, as a user would) about the order and its saga. Only while the order is
 * PENDING and its saga still RUNNING (or not started yet): a message replayed after the saga began
 * to compensate, or ended, would act after the undo, e.g. authorise a payment the saga has already
 * refunded. Unsure answers (the gateway down, a 5xx) stop the replay rather than refuse for good.
 */
final class SagaGuard {

    private static final int RATE_LIMIT_TRIES = 5;

    /** Whether to replay, and why, in words for the user. */
    record Verdict(boolean replay, String reason) {
    }

    private final int gatewayPort;
    private final Http http = new Http(Http.PATIENT);

    SagaGuard(int gatewayPort) {
        this.gatewayPort = gatewayPort;
    }

    Verdict judge(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return new Verdict(false, "it has no order id (record key), so no saga to check it against");
        }
        String id = URLEncoder.encode(orderId, StandardCharsets.UTF_8);
        Http.Answer order = ask("/api/orders/" + id);
        if (order.status() == 404 || order.status() == 400) {
            return new Verdict(false, "no order '" + orderId + "' is known");
        }
        Http.Answer saga = ask("/api/sagas/" + id);
        String status = Json.text(order.json(), "status");
        String state = saga.status() == 404 ? null : Json.text(saga.json(), "state");
        if ("COMPENSATING".equals(state) || "ROLLED_BACK".equals(state)) {
            return new Verdict(false, "its saga is " + state + " (order " + status
                    + "): replayed now, it would act after the compensation");
        }
        if ("COMPLETED".equals(state)) {
            return new Verdict(false, "its saga has COMPLETED (order " + status + "): nothing waits for it any more");
        }
        if (!"PENDING".equals(status)) {
            return new Verdict(false, "the order is " + status + ": it has ended");
        }
        return new Verdict(true, state == null ? "order PENDING, its saga not started yet"
                : "order PENDING, its saga " + state);
    }

    /** A GET through the gateway that must be answered for sure; waits out the gateway's rate limit. */
    private Http.Answer ask(String path) {
        for (int tries = 1; ; tries++) {
            Http.Answer answer = http.get(Http.local(gatewayPort, path));
            if (answer.status() == 429 && tries < RATE_LIMIT_TRIES) {
                pause(answer.header("Retry-After").filter(v -> v.matches("\\d{1,3}")).map(Long::parseLong).orElse(1L));
                continue;
            }
            if (answer.ok() || answer.status() == 404 || answer.status() == 400) {
                return answer;
            }
            throw new PlaygroundException("Could not check the saga through the gateway (GET " + path + ": "
                    + (answer.status() == 0 ? answer.body() : "HTTP " + answer.status())
                    + "); nothing more was replayed or refused.", PlaygroundException.FAILED);
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 5))).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted.", PlaygroundException.FAILED);
        }
    }
}
