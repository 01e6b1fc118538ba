package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observe: order-service crashes between committing an order (and its OrderPlaced, in the outbox
 * table) and publishing the event; the new process publishes it and the order completes. The
 * check proves it by times: the order was created before order-service's current process started,
 * and its saga began after, so the event left from the new process.
 */
final class OutboxCrashLab implements Lab {

    private static final String SERVICE = "order-service";
    private static final String PAUSED = "outbox-relay-paused";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public About about() {
        return new About("outbox-crash", "Crash between commit and publish", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "Crash order-service after it committed an order but before it published the order's event, and watch"
                + " the order complete anyway: pause its outbox relay, place an order, kill order-service, start it again.";
    }

    @Override
    public String firstStep() {
        return "./playground switch order-service outbox-relay-paused on; then place an order for alice (see the page)"
                + " and look at it a few seconds later: still PENDING.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Pausing the relay is a switch on order-service's management port:"
                        + " ./playground switch order-service outbox-relay-paused on. ./playground faults order-service"
                        + " shows it ON.",
                "With the relay paused, a placed order stays PENDING: order-service committed the order and its"
                        + " OrderPlaced, but nobody sent the event. The metric playground.outbox.pending counts what waits:"
                        + " curl -s http://127.0.0.1:8181/actuator/metrics/playground.outbox.pending",
                "Crash it with ./playground kill order-service (SIGKILL: no shutdown, no goodbye), then start it again:"
                        + " ./playground restart order-service. A new process starts with every switch off.",
                "Once it is back, its relay finds the unsent row and sends it, and the saga runs: GET /api/orders/{orderId}"
                        + " says APPROVED within seconds, and GET /api/sagas/{orderId} shows the saga began after the restart.");
    }

    @Override
    public String solution() {
        return """
                ./playground switch order-service outbox-relay-paused on
                curl -s -X POST http://127.0.0.1:8080/api/orders -H 'Content-Type: application/json' \\
                     -d '{"customerId":"alice","items":[{"sku":"pen","quantity":1}]}'        # 201, PENDING
                ./playground kill order-service
                ./playground restart order-service
                curl -s http://127.0.0.1:8080/api/orders/ORDER_ID                           # APPROVED
                Placing the order wrote the order and its OrderPlaced into order-service's database in one transaction.
                The paused relay never sent the event, and the crash took nothing with it: the row was committed.
                The new process's relay (every switch is off after a start) found the row without sent_at, sent it,
                and the saga ran. Without the outbox (the publish-without-outbox switch) the event would have been
                lost with the process, and the order PENDING for good.""";
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        if (!verdict.expect(bench.supervisor().runningServices().contains(SERVICE), SERVICE + " runs",
                SERVICE + " is not running: start it again with ./playground restart " + SERVICE)) {
            return;
        }
        Instant started = processStart(p);
        List<PlacedOrder> orders = PlacedOrder.all(p);
        Optional<PlacedOrder> survivor = orders.stream().filter(order -> survived(order, started)).findFirst();
        if (!verdict.expect(survivor.isPresent(), survivor.map(order -> "order " + order.id() + " was committed at "
                        + CLOCK.format(order.createdAt()) + ", before " + SERVICE + " last started ("
                        + CLOCK.format(started) + "), and published after: its saga began at "
                        + CLOCK.format(order.sagaStartedAt())).orElse(""),
                "no order has lived through a crash of " + SERVICE + " yet: " + whyNot(p, orders, started))) {
            return;
        }
        String status = awaitEnded(p, survivor.get().id());
        verdict.expect("APPROVED".equals(status), "it is APPROVED now",
                "order " + survivor.get().id() + " is " + status + ", not APPROVED (an order for alice is approved)");
        verdict.expect(!relayPaused(p), "the outbox relay runs",
                SERVICE + "'s outbox relay is paused now: ./playground switch " + SERVICE + " " + PAUSED + " off");
    }

    /** Created before this process started, and heard of by the saga after: its event left from the new process. */
    static boolean survived(PlacedOrder order, Instant processStarted) {
        return order.createdAt() != null && order.sagaStartedAt() != null
                && order.createdAt().isBefore(processStarted) && order.sagaStartedAt().isAfter(processStarted);
    }

    private String whyNot(RunningPlayground p, List<PlacedOrder> orders, Instant started) {
        int waiting = (int) p.management().metric(SERVICE, "playground.outbox.pending", Map.of());
        if (waiting > 0) {
            return waiting + " message(s) wait in its outbox, committed and not published (the relay is "
                    + (relayPaused(p) ? "paused" : "running") + "). Crash it now: ./playground kill " + SERVICE
                    + ", then ./playground restart " + SERVICE;
        }
        Optional<PlacedOrder> tooEarly = orders.stream()
                .filter(order -> order.createdAt() != null && order.createdAt().isBefore(started)).findFirst();
        if (tooEarly.isPresent()) {
            return "order " + tooEarly.get().id() + " was created before " + SERVICE + " last started ("
                    + CLOCK.format(started) + ") but published before that too: pause the relay first"
                    + " (./playground switch " + SERVICE + " " + PAUSED + " on), so the crash falls between commit"
                    + " and publish";
        }
        if (!orders.isEmpty()) {
            return "the " + orders.size() + " order(s) placed since the lab started were all created after " + SERVICE
                    + "'s current process started (" + CLOCK.format(started) + ")";
        }
        return "no order has been placed since the lab started";
    }

    /** When the service's current process started, by its own account (the JVM's start, as actuator's metric). */
    private static Instant processStart(RunningPlayground p) {
        double seconds = p.management().metric(SERVICE, "process.start.time", Map.of());
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private static boolean relayPaused(RunningPlayground p) {
        return p.management().broken(SERVICE).containsKey(PAUSED);
    }

    /** The order's status once it is no longer PENDING, or PENDING after 30 s. */
    private static String awaitEnded(RunningPlayground p, String orderId) {
        return RunningPlayground.awaitUntil(() -> p.orderStatus(orderId), status -> !"PENDING".equals(status),
                Duration.ofSeconds(30));
    }

    /** What an attendee does: pause the relay, place an order, kill order-service, restart it, wait for the order. */
    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.management().setSwitch(SERVICE, PAUSED, true);
        Http.Answer placed = p.placeOrder();
        Optional<String> orderId = RunningPlayground.orderId(placed);
        if (orderId.isEmpty()) {
            bench.out().println("The order was not placed (" + placed.status() + "): is the stack well? ./playground status");
            return;
        }
        bench.out().printf("Placed order %s: %s, with %d message(s) waiting in %s's outbox.%n", orderId.get(),
                p.orderStatus(orderId.get()), (int) p.management().metric(SERVICE, "playground.outbox.pending", Map.of()),
                SERVICE);
        bench.supervisor().kill(SERVICE);
        bench.supervisor().restart(SERVICE, LabBench.READY);
        bench.out().printf("Order %s is %s.%n", orderId.get(), awaitEnded(p, orderId.get()));
    }
}
