package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Planted bug, in code: the saga engine undoes completed steps first to last instead of last to
 * first. A declined payment then rejects the order and stops there: the stock it reserved is never
 * released. Orchestrated orders only (choreography has no engine), which is the first clue.
 */
final class CompensationOrderLab implements Lab {

    @Override
    public About about() {
        return new About("compensation-order", "The rejected order that keeps its stock", Level.ADVANCED, 30);
    }

    @Override
    public String goal() {
        return "When bob's payment is declined, his orchestrated order must end REJECTED with its stock released"
                + " first and the order rejected last (undo runs bottom to top). Today the stock stays reserved. Fix the code.";
    }

    @Override
    public String firstStep() {
        return "Place an orchestrated order for bob (1 book) and one in choreography (see the page); compare"
                + " GET /api/sagas/{orderId} and GET /api/inventory/reservations?orderId=... for both.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Only orchestrated orders keep their stock. What runs for them and not for choreographed ones?",
                "Read the saga's steps (GET /api/sagas/{orderId}): which undo commands were sent, and in which order?"
                        + " Compare with PlaceOrderSaga: 'Undo runs bottom to top.'",
                "The saga engine lives in saga-orchestrator's engine package. Its own unit tests know the right order:"
                        + " ./mvnw -q -pl saga-orchestrator -am test -Dtest=PlaceOrderSagaTests -Dsurefire.failIfNoSpecifiedTests=false",
                "SagaDefinition.compensateFrom looks for the next step to undo. Which direction does its loop walk?");
    }

    @Override
    public String solution() {
        return """
                SagaDefinition.compensateFrom walked the steps first to last. After 'authorize payment' failed it found
                'place order' first and sent RejectOrderCommand; once that was confirmed nothing was left below it, so
                the saga ended ROLLED_BACK without ever undoing 'reserve stock'. Undo must run last to first, the
                reverse of the order the steps ran in: for (int i = index; i >= 0; i--). Then the stock is released
                before the order is rejected, and a customer who sees REJECTED can order the stock again at once.
                Rebuild and restart: ./playground restart saga-orchestrator""";
    }

    @Override
    public Optional<CodePlant> plant() {
        return Optional.of(new CodePlant("saga-orchestrator",
                "saga-orchestrator/src/main/java/com/example/playground/saga/engine/SagaDefinition.java",
                "for (int i = index; i >= 0; i--) {",
                "for (int i = 0; i <= index; i++) {"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Http.Answer placed = p.post("/api/orders",
                "{\"customerId\":\"bob\",\"items\":[{\"sku\":\"book\",\"quantity\":1}],\"saga\":\"orchestration\"}");
        Optional<String> orderId = RunningPlayground.orderId(placed);
        if (!verdict.expect(orderId.isPresent(), "bob's orchestrated order was placed",
                "bob's orchestrated order was not placed (" + placed.status() + "): is the stack well? ./playground status")) {
            return;
        }
        String id = orderId.get();
        Object saga = awaitFinished(p, id);
        String state = Json.text(saga, "state");
        verdict.expect("ROLLED_BACK".equals(state), "the saga ended ROLLED_BACK",
                "the saga of order " + id + " is " + state + " after 30 s; it should end ROLLED_BACK");
        String reservation = Json.text(Json.parse(p.get("/api/inventory/reservations?orderId=" + id).body()), 0, "status");
        verdict.expect("RELEASED".equals(reservation), "the book bob's order reserved was released",
                "the book reserved by bob's rejected order is " + reservation + ", not RELEASED: the stock is lost");
        List<String> undo = Json.listAt(saga, "steps").stream()
                .filter(line -> "COMPENSATING".equals(Json.text(line, "outcome")))
                .map(line -> Json.text(line, "detail")).toList();
        verdict.expect(undo.equals(List.of("ReleaseStockCommand", "RejectOrderCommand")),
                "undo ran bottom to top: ReleaseStockCommand, then RejectOrderCommand",
                "the saga sent its undo commands as " + undo + "; bottom to top is [ReleaseStockCommand, RejectOrderCommand]");
    }

    private static Object awaitFinished(RunningPlayground p, String orderId) {
        return RunningPlayground.awaitUntil(() -> p.get("/api/sagas/" + orderId).json(),
                saga -> "ROLLED_BACK".equals(Json.text(saga, "state")) || "COMPLETED".equals(Json.text(saga, "state")), Duration.ofSeconds(30));
    }
}
