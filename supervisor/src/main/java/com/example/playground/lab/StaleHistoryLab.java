package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import java.time.Duration;
import java.util.List;

/**
 * CQRS: the order history (a read model) has stopped following the event topics, so bob's newest
 * order is missing from it while order-service shows it ended. The attendee finds what holds the
 * projection, lets it catch up, and rebuilds the history from the topics to see that it is derived
 * data: thrown away and replayed, it ends the same.
 */
final class StaleHistoryLab implements Lab {

    private static final String HISTORY = "/api/order-history?customerId=bob&limit=100";
    private static final String BOBS_ORDER = """
            {"customerId":"bob","items":[{"sku":"book","quantity":1}]}""";

    @Override
    public About about() {
        return new About("stale-history", "The history that stopped", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "bob's order history (GET /api/order-history?customerId=bob) must show his newest order, which"
                + " order-service already shows ended, and keep up with new ones; then rebuild the history from the"
                + " event topics (./playground rebuild order-service) and see it end equal.";
    }

    @Override
    public String firstStep() {
        return "Ask the history for bob's orders and compare with GET /api/orders/{id} for the order the lab placed"
                + " (see the page); then look at the control room's resilience panel.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The history is a read model: it answers from its own table, filled from the event topics. The answer"
                        + " says how far behind it is (behind, lagSeconds) and whether it is paused.",
                "What has been switched on in order-service? ./playground faults order-service lists its switches.",
                "./playground switch order-service order-history-paused off lets the projection read again; watch"
                        + " 'behind' fall to 0.",
                "./playground rebuild order-service throws the history away and replays the topics; it prints the"
                        + " rows and digest before and after.");
    }

    @Override
    public String solution() {
        return """
                The switch order-history-paused was on: the projection's consumers were paused, so events went on
                arriving on the topics (order-service handled them: the order ended) while the history stood still.
                A read model is only as fresh as its projection, and it says how stale it is: behind counts the
                events it has not read. Turn the switch off and the projection reads the backlog and catches up.
                The history holds nothing of its own: ./playground rebuild order-service empties it, rewinds its
                consumer group to the start of the topics, and ends with the same rows (the same digest).
                  ./playground switch order-service order-history-paused off
                  ./playground rebuild order-service""";
    }

    @Override
    public void start(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch("order-service", "order-history-paused", true);
        RunningPlayground.orderId(p.post("/api/orders", BOBS_ORDER)).ifPresent(id -> {
            String status = p.awaitOrderEnded(id, Duration.ofSeconds(30));
            bench.out().printf("bob placed order %s; order-service shows it %s.%n", id, status);
        });
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Object history = p.get(HISTORY).json();
        boolean paused = "true".equals(Json.text(history, "paused"));
        verdict.expect(!paused, "the projection reads the topics (order-history-paused is off)",
                "the history is paused: order-history-paused is still on in order-service");
        // A new order of bob's must reach the history on its own.
        String id = RunningPlayground.orderId(p.post("/api/orders", BOBS_ORDER)).orElse(null);
        Object row = id == null ? null : RunningPlayground.awaitUntil(
                () -> RunningPlayground.historyRow(p.get(HISTORY).json(), id), RunningPlayground::endedInHistory,
                Duration.ofSeconds(paused ? 3 : 30));
        verdict.expect(RunningPlayground.endedInHistory(row), "a new order of bob's showed in the history with its outcome ("
                        + Json.text(row, "status") + ")",
                "a new order of bob's did not show in the history with an outcome: it is not following the topics");
        Object model = p.management().readModel("order-service");
        String rebuilds = Json.text(model, "rebuilds");
        verdict.expect(rebuilds != null && Double.parseDouble(rebuilds) > 0,
                "the history was rebuilt from the topics since the lab started",
                "the history has not been rebuilt since the lab started: ./playground rebuild order-service");
    }

    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch("order-service", "order-history-paused", false);
        Management.Rebuilt rebuilt = p.management().rebuild("order-service", Duration.ofSeconds(180));
        bench.out().printf("order-service: the history rebuilt, %s rows, equal: %s%n", Json.text(rebuilt.after(), "rows"),
                rebuilt.equal() ? "yes" : "no");
    }
}
