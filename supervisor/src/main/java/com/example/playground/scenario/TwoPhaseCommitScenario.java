package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Two-phase commit, the contrast to the sagas (docs/patterns/two-phase-commit.md), on PostgreSQL's
 * prepared transactions. It measures what an order costs placed by 2PC (its outcome in the answer)
 * against an orchestrated saga, shows a refusal end with nothing held, and then kills the coordinator
 * (order-service) between the votes and the decision: both participants keep their prepared
 * transactions and row locks, and a choreographed order for the same SKU waits in inventory-service
 * until order-service is back and aborts the undecided order (presumed abort).
 */
final class TwoPhaseCommitScenario implements Scenario {

    private static final String ORDERS = "order-service";
    private static final String DECISION = "two-phase-commit-decision";
    private static final List<String> PARTICIPANTS = List.of("inventory-service", "payment-service");
    /** The waiting order must not be ended by its deadline while the coordinator is away: set for the run, put back after. */
    private static final String DEADLINE = "playground.orders.choreography-timeout";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private String deadlineBefore;
    private boolean deadlineChanged;

    @Override
    public String name() {
        return "two-phase-commit";
    }

    @Override
    public String shows() {
        return "on PostgreSQL: orders placed by two-phase commit end in the answer; the coordinator killed between"
                + " prepare and commit leaves both participants' locks held and another order blocked until it is back";
    }

    @Override
    public boolean needsPostgres() {
        return true;
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        for (String service : List.of(ORDERS, "inventory-service", "payment-service")) {
            Object answer = Json.parse(p.management().get(service, "/actuator/preparedtransactions"));
            if (!Boolean.TRUE.equals(Json.at(answer, "available").orElse(false))) {
                report.check(service + " can prepare transactions", false, "it cannot: start the playground with"
                        + " './playground up --db postgres' on a PostgreSQL with max_prepared_transactions > 0"
                        + " (docs/patterns/two-phase-commit.md)");
                return;
            }
        }
        compareWithASaga(p, report);
        refusalHoldsNothing(p, report);
        coordinatorKilled(p, report);
    }

    /** Placed → ended, five orders each way: by 2PC (ended when the POST answers) and by the orchestrated saga. */
    private static void compareWithASaga(RunningPlayground p, Report report) {
        List<Long> twoPhase = new ArrayList<>();
        List<Long> saga = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Http.Answer placed = p.placeOrder("two-phase-commit");
            String status = Json.text(placed.json(), "status");
            boolean warmUp = i == 0;
            if (!warmUp && placed.status() == 201 && "APPROVED".equals(status)) {
                twoPhase.add(placed.took().toMillis());
            }
            RunningPlayground.orderId(p.placeOrder("orchestration")).filter(id -> !warmUp).ifPresent(id -> {
                p.awaitOrderEnded(id, PATIENCE);
                Object order = p.get("/api/orders/" + id).json();
                saga.add(Duration.between(OffsetDateTime.parse(Json.text(order, "createdAt")),
                        OffsetDateTime.parse(Json.text(order, "updatedAt"))).toMillis());
            });
        }
        report.figure("placed -> ended, median of 5: %d ms by two-phase commit (the outcome is in the POST's answer),"
                + " %d ms by the orchestrated saga (the POST answers PENDING at once)", median(twoPhase), median(saga));
        report.check("orders placed by two-phase commit are APPROVED in the answer", twoPhase.size() == 5,
                twoPhase.size() + " of 5 answered APPROVED");
    }

    /** A "no" vote (no stock) ends the order REJECTED in the answer and leaves nothing prepared, nothing reserved. */
    private static void refusalHoldsNothing(RunningPlayground p, Report report) {
        String coinsBefore = p.get("/api/inventory/rare-coin").body();
        Http.Answer placed = p.post("/api/orders",
                "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"rare-coin\",\"quantity\":1}],\"saga\":\"two-phase-commit\"}");
        String reason = Json.text(p.get("/api/orders/" + Json.text(placed.json(), "orderId")).json(), "rejectionReason");
        long held = PARTICIPANTS.stream().mapToLong(service -> prepared(p, service).size()).sum();
        report.check("a participant's \"no\" rejects the order at once and leaves nothing prepared or reserved",
                "REJECTED".equals(Json.text(placed.json(), "status")) && held == 0
                        && coinsBefore.equals(p.get("/api/inventory/rare-coin").body()),
                "answered " + placed.status() + " " + Json.text(placed.json(), "status") + " (" + reason + "); "
                        + held + " prepared transactions left");
    }

    private void coordinatorKilled(RunningPlayground p, Report report) {
        int pensBefore = available(p, "pen");
        p.breakTarget(ORDERS, DECISION, Map.of("hang", true));
        p.say("order-service hangs between the votes and its decision; placing order A by two-phase commit...");
        CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> p.post("/api/orders",
                "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}],\"saga\":\"two-phase-commit\"}"));
        boolean bothPrepared = RunningPlayground.awaitUntil(
                () -> PARTICIPANTS.stream().allMatch(service -> !prepared(p, service).isEmpty()), held -> held,
                Duration.ofSeconds(15));
        String a = bothPrepared ? Json.text(prepared(p, "inventory-service").get(0), "id") : null;
        p.say("Both participants prepared A; placing order B (carol, a pen, choreography), which needs the same stock row...");
        Http.Answer placedB = p.post("/api/orders",
                "{\"customerId\":\"carol\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}],\"saga\":\"choreography\"}");
        Instant bPlaced = Instant.now();
        String b = RunningPlayground.orderId(placedB).orElse(null);
        boolean bWaits = RunningPlayground.awaitUntil(() -> waiting(p, "inventory-service"), n -> n > 0,
                Duration.ofSeconds(15)) > 0;

        p.say("Killing order-service, the coordinator, while A is prepared and B waits...");
        p.supervisor().kill(ORDERS);
        deadlineBefore = p.supervisor().configuration().overlay(ORDERS).get(DEADLINE);
        p.supervisor().configuration().set(ORDERS, Map.of(DEADLINE, "300s"));
        deadlineChanged = true;
        RunningPlayground.pause(3000);
        List<Object> heldInventory = prepared(p, "inventory-service");
        List<Object> heldPayment = prepared(p, "payment-service");
        long waitingNow = waiting(p, "inventory-service");
        report.figure("coordinator dead: inventory-service holds %s, payment-service holds %s; %d session(s) wait for them",
                describe(heldInventory), describe(heldPayment), waitingNow);
        first.join(); // the gateway gave up on A's POST long ago: its client never heard the outcome

        p.say("Starting order-service again: its recovery finds A undecided and aborts it...");
        Instant restarting = Instant.now();
        p.supervisor().start(ORDERS, Duration.ofMinutes(3));
        String endedA = a == null ? null : p.awaitOrderEnded(a, PATIENCE);
        boolean released = RunningPlayground.awaitUntil(
                () -> PARTICIPANTS.stream().allMatch(service -> prepared(p, service).isEmpty()), none -> none, PATIENCE);
        Instant aResolved = Instant.now();
        String endedB = b == null ? null : p.awaitOrderEnded(b, PATIENCE);
        Instant bEnded = Instant.now();
        report.figure("order-service back and A resolved %d ms after its restart began; A's locks were held %d ms in all",
                Duration.between(restarting, aResolved).toMillis(), heldUntil(heldInventory, aResolved));
        report.figure("order B (choreography, same SKU) was blocked: placed -> %s in %d ms, most of it waiting for A's locks",
                endedB, Duration.between(bPlaced, bEnded).toMillis());
        putTheDeadlineBack(p);
        int pensAfter = available(p, "pen");

        report.check("with the coordinator dead between prepare and commit, both participants keep A prepared with its locks",
                bothPrepared && heldInventory.size() == 1 && heldPayment.size() == 1 && locks(heldInventory) > 0
                        && locks(heldPayment) > 0, "inventory-service " + describe(heldInventory) + ", payment-service "
                        + describe(heldPayment));
        report.check("an order needing the same stock waits for those locks", bWaits && waitingNow > 0,
                waitingNow + " session(s) waiting in inventory-service's database");
        report.check("order-service's recovery aborts the undecided order and releases every lock (presumed abort)",
                "REJECTED".equals(endedA) && released, "A " + endedA + "; prepared transactions left: " + (released ? 0 : "some"));
        report.check("the blocked order then goes through, and only its pen left the stock", "APPROVED".equals(endedB)
                && pensAfter == pensBefore - 1, "B " + endedB + "; pens available " + pensBefore + " -> " + pensAfter);
    }

    private static List<Object> prepared(RunningPlayground p, String service) {
        return Json.listAt(Json.parse(p.management().get(service, "/actuator/preparedtransactions")), "prepared");
    }

    private static long waiting(RunningPlayground p, String service) {
        return prepared(p, service).stream().mapToLong(t -> number(t, "waiting")).sum();
    }

    private static long locks(List<Object> held) {
        return held.stream().mapToLong(t -> number(t, "locks")).sum();
    }

    private static long maxHeld(List<Object> held) {
        return held.stream().mapToLong(t -> number(t, "heldMillis")).max().orElse(0);
    }

    /** From the moment the participant prepared (its own clock, this machine's) until it was seen resolved. */
    private static long heldUntil(List<Object> held, Instant resolved) {
        return held.isEmpty() ? -1 : Duration.between(OffsetDateTime.parse(Json.text(held.get(0), "preparedAt")).toInstant(),
                resolved).toMillis();
    }

    private static String describe(List<Object> held) {
        return held.isEmpty() ? "nothing prepared" : held.size() + " prepared transaction(s), " + locks(held)
                + " locks, held " + maxHeld(held) + " ms so far";
    }

    private static int available(RunningPlayground p, String sku) {
        return Integer.parseInt(Json.text(p.get("/api/inventory/" + sku).json(), "available"));
    }

    private static long number(Object tree, String key) {
        return (long) Double.parseDouble(Json.text(tree, key));
    }

    private static long median(List<Long> values) {
        return values.isEmpty() ? -1 : values.stream().sorted().toList().get(values.size() / 2);
    }

    /** order-service's choreography deadline as it was (a restart of order-service when it had to change). */
    private void putTheDeadlineBack(RunningPlayground p) {
        if (!deadlineChanged) {
            return;
        }
        if (deadlineBefore == null) {
            p.supervisor().configuration().unset(ORDERS, DEADLINE);
        } else {
            p.supervisor().configuration().set(ORDERS, Map.of(DEADLINE, deadlineBefore));
        }
        deadlineChanged = false;
    }

    /** order-service started if the run left it dead, its deadline as it was, every fault healed. */
    @Override
    public void heal(RunningPlayground p) {
        p.supervisor().start(ORDERS, Duration.ofMinutes(3));
        putTheDeadlineBack(p);
        p.healEverything();
    }
}
