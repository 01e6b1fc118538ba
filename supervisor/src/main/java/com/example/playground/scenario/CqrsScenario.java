package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.awaitUntil;
import static com.example.playground.scenario.RunningPlayground.endedInHistory;
import static com.example.playground.scenario.RunningPlayground.historyRow;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * CQRS: order-service's order history, a read model projected from the event topics, answers at
 * once while a service the composed details need hangs; paused, it falls behind visibly and catches
 * up when resumed; rebuilt from the topics, it ends equal to what it was.
 */
final class CqrsScenario implements Scenario {

    private static final String HISTORY = "/api/order-history?customerId=alice&limit=50";

    @Override
    public String name() {
        return "cqrs";
    }

    @Override
    public String shows() {
        return "the order history (a read model) answers while payment-service hangs, lags when paused, and rebuilds equal";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Optional<String> placed = RunningPlayground.orderId(p.placeOrder());
        if (placed.isEmpty()) {
            report.check("an order to look at", false, "could not place one");
            return;
        }
        String orderId = placed.get();
        long start = System.nanoTime();
        Object row = awaitUntil(() -> row(p, orderId), RunningPlayground::endedInHistory, Duration.ofSeconds(30));
        report.figure("an order placed by alice ended in the history %d ms after it was placed (%s, payment %s)",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), Json.text(row, "status"), Json.text(row, "payment"));
        report.check("the history shows the order's outcome", endedInHistory(row),
                String.valueOf(Json.text(row, "status")));

        p.say("payment-service hangs; the composed details and the history are asked for the same order...");
        p.breakTarget("payment-service", "inbound", Map.of("hang", true));
        Http.Answer details = p.get("/api/orders/" + orderId + "/details");
        Http.Answer history = p.get(HISTORY);
        Object rowNow = historyRow(history.json(), orderId);
        report.figure("payment-service hung: details answered in %d ms, payments available %s; history in %d ms",
                details.took().toMillis(), Json.text(details.json(), "payments", "available"), history.took().toMillis());
        report.check("the details mark the payments unavailable after their time limit",
                "false".equals(Json.text(details.json(), "payments", "available")), details.took().toMillis() + " ms");
        report.check("the history answers at once (under 500 ms) with the last known state",
                history.status() == 200 && history.took().toMillis() < 500 && Json.text(rowNow, "payment") != null,
                history.status() + " in " + history.took().toMillis() + " ms, payment " + Json.text(rowNow, "payment")
                        + (history.ok() ? "" : ", " + Json.text(history.json(), "type") + ": " + Json.text(history.json(), "detail")));
        p.management().heal("payment-service");

        p.say("The projection paused; another order placed...");
        p.management().setSwitch("order-service", "order-history-paused", true);
        Http.Answer placedSecond = p.placeOrder();
        Optional<String> second = RunningPlayground.orderId(placedSecond);
        String secondStatus = second.map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(30))).orElse(null);
        Object paused = awaitUntil(() -> p.get(HISTORY).json(), h -> behind(h) > 0, Duration.ofSeconds(5));
        report.figure("paused: the order is %s at order-service; the history has %s to read, %.1f s since it last kept up",
                secondStatus, events(behind(paused)), Double.parseDouble(String.valueOf(Json.text(paused, "lagSeconds"))));
        report.check("paused, the history lags visibly: events behind, the new order not in it",
                second.isPresent() && behind(paused) > 0 && historyRow(paused, second.get()) == null,
                second.isPresent() ? events(behind(paused)) + " behind"
                        : "no order placed: " + placedSecond.status() + " " + Json.text(placedSecond.json(), "type"));

        long resumed = System.nanoTime();
        p.management().setSwitch("order-service", "order-history-paused", false);
        Object caughtUp = second.map(id -> awaitUntil(() -> row(p, id), RunningPlayground::endedInHistory,
                Duration.ofSeconds(30))).orElse(null);
        report.figure("resumed: the order showed in the history after %d ms",
                Duration.ofNanos(System.nanoTime() - resumed).toMillis());
        report.check("resumed, it catches up", endedInHistory(caughtUp), String.valueOf(Json.text(caughtUp, "status")));

        p.say("The history thrown away and replayed from the topics...");
        Management.Rebuilt rebuilt = p.management().rebuild("order-service", Duration.ofSeconds(180));
        report.figure("rebuild: %s rows from %s events before, %s from %s after, caught up in %.1f s",
                Json.text(rebuilt.before(), "rows"), Json.text(rebuilt.before(), "eventsRead"),
                Json.text(rebuilt.after(), "rows"), Json.text(rebuilt.after(), "eventsRead"), rebuilt.millis() / 1000.0);
        report.check("the rebuild ends equal (same rows, same digest)", rebuilt.equal(),
                rebuilt.caughtUp() ? "digest " + (rebuilt.equal() ? "equal" : "differs") : "not caught up");
    }

    private static Object row(RunningPlayground p, String orderId) {
        return historyRow(p.get(HISTORY).json(), orderId);
    }

    private static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }

    private static long behind(Object history) {
        String behind = Json.text(history, "behind");
        return behind == null ? -1 : (long) Double.parseDouble(behind);
    }
}
