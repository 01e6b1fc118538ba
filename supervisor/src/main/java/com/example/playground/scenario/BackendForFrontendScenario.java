package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Backends for frontends (docs/patterns/backend-for-frontend.md): one order asked for by the phone
 * ({@code /api/mobile/orders/{id}}) and by the browser ({@code /api/web/orders/{id}}) through the
 * gateway. Each gets its own shape: a slim summary, the composed details. Then order-service is made
 * a second slow, and each front end's own time limit and fallback decide: the phone gets the last
 * known summary, marked stale, within its 300 ms; the browser waits and gets everything.
 */
final class BackendForFrontendScenario implements Scenario {

    private static final Set<String> SLIM = Set.of("orderId", "status", "total", "units", "updatedAt", "stale");
    private static final int SLOW_MILLIS = 1000;
    private static final int ASKS = 3;

    @Override
    public String name() {
        return "backend-for-frontend";
    }

    @Override
    public String shows() {
        return "one order in two shapes, a phone's slim summary and a browser's composed details, each front end with its"
                + " own time limit and fallback when order-service is slow";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        // What an earlier run or a user left in the BFFs' breakers is forgotten: the run starts from CLOSED.
        p.management().closeBreaker("gateway", "mobile-bff");
        p.management().closeBreaker("gateway", "web-bff");
        Optional<String> placed = RunningPlayground.orderId(p.placeOrder());
        if (placed.isEmpty()) {
            report.check("an order to look at", false, "could not place one");
            return;
        }
        String orderId = placed.get();
        String status = p.awaitOrderEnded(orderId, Duration.ofSeconds(30));
        Http.Answer mobile = p.get("/api/mobile/orders/" + orderId);
        Http.Answer web = p.get("/api/web/orders/" + orderId);
        Map<String, Object> summary = Json.objectAt(mobile.json());
        report.figure("the phone's answer: %d bytes in %d ms, %s", mobile.body().length(), mobile.took().toMillis(), summary.keySet());
        report.figure("the browser's answer: %d bytes in %d ms, %s", web.body().length(), web.took().toMillis(),
                Json.objectAt(web.json()).keySet());
        report.check("the phone gets the slim summary: " + SLIM.size() + " fields, the order's status, no payments",
                mobile.ok() && summary.keySet().equals(SLIM) && String.valueOf(status).equals(summary.get("status"))
                        && Boolean.FALSE.equals(summary.get("stale")),
                mobile.status() + " " + summary.keySet() + ", status " + summary.get("status") + " (order-service: " + status + ")");
        report.check("the browser gets the order composed with its payments and reservations",
                web.ok() && orderId.equals(Json.text(web.json(), "order", "orderId"))
                        && "true".equals(Json.text(web.json(), "payments", "available"))
                        && "true".equals(Json.text(web.json(), "reservations", "available")),
                web.status() + " payments available " + Json.text(web.json(), "payments", "available"));

        p.say("order-service answers " + SLOW_MILLIS + " ms late; the phone and the browser ask for the same order...");
        p.breakTarget("order-service", "inbound", Map.of("latency", SLOW_MILLIS));
        long slowestPhone = 0;
        boolean allStale = true;
        for (int i = 0; i < ASKS; i++) {
            Http.Answer slowMobile = p.get("/api/mobile/orders/" + orderId);
            slowestPhone = Math.max(slowestPhone, slowMobile.took().toMillis());
            allStale &= slowMobile.ok() && "true".equals(Json.text(slowMobile.json(), "stale"))
                    && String.valueOf(status).equals(Json.text(slowMobile.json(), "status"));
        }
        Http.Answer slowWeb = p.get("/api/web/orders/" + orderId);
        p.management().heal("order-service");
        Http.Answer healedMobile = p.get("/api/mobile/orders/" + orderId);
        // The healed ask is the phone's fifth call within the breaker's 10 s: with 3 of 5 failed, it opens
        // right after it. Shown, then closed, so that the phone answers fresh again at once after the run.
        String breakerAfter = p.breakerState("gateway", "mobile-bff");
        p.management().closeBreaker("gateway", "mobile-bff");

        report.figure("order-service %d ms slow: the phone's %d asks took at most %d ms; the browser's took %d ms (HTTP %d)",
                SLOW_MILLIS, ASKS, slowestPhone, slowWeb.took().toMillis(), slowWeb.status());
        report.figure("the phone's breaker (mobile-bff) after the run: %s; the browser's (web-bff): %s", breakerAfter,
                p.breakerState("gateway", "web-bff"));
        report.check("the phone gets the last known summary, marked stale, within its time limit (under " + SLOW_MILLIS + " ms)",
                allStale && slowestPhone < SLOW_MILLIS, "slowest " + slowestPhone + " ms, all stale " + allStale);
        report.check("the browser waits past the phone's limit and gets the whole order",
                slowWeb.ok() && slowWeb.took().toMillis() >= SLOW_MILLIS
                        && "true".equals(Json.text(slowWeb.json(), "payments", "available")),
                slowWeb.status() + " in " + slowWeb.took().toMillis() + " ms");
        report.check("healed, the phone's answer is fresh again", healedMobile.ok()
                && "false".equals(Json.text(healedMobile.json(), "stale")), healedMobile.status() + " stale "
                + Json.text(healedMobile.json(), "stale"));
    }
}
