package com.example.playground.scenario;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PaymentSidecar;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar (docs/patterns/sidecar.md): payment-service's calls to the payment provider go through
 * HAProxy beside it, which holds their timeout, retries and breaker; the service keeps none. Starts
 * the sidecar if the stack has none (payment-service restarts to call through it) and takes it away
 * again afterwards. It measures the hop, then breaks the provider three ways and looks at both sides:
 * the sidecar's own counters, and the service's calls, one per payment whatever happened behind.
 */
final class SidecarScenario implements Scenario {

    private static final String SERVICE = "payment-service";
    private static final String PROVIDER = "payment-provider";
    private static final int HOP_CALLS = 200;
    private static final int RETRY_ORDERS = 6;
    private static final Duration ORDER_ENDS = Duration.ofSeconds(30);
    /** The sidecar's health check puts the provider back within about 2 s; room for a busy machine. */
    private static final Duration IN_SERVICE = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "sidecar";
    }

    @Override
    public String shows() {
        return "payment-service calls the payment provider through HAProxy beside it: the proxy retries, times out and"
                + " stops calling a failing provider, and the service keeps none of that code";
    }

    @Override
    public Optional<String> cannotRunHere() {
        return PaymentSidecar.cannotRun();
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Supervisor stack = p.withOptIn(PaymentSidecar.NAME, "scenario");
        try {
            Component sidecar = stack.stack().component(PaymentSidecar.NAME);
            // Its first health check may have found the provider down while payment-service restarted.
            RunningPlayground.awaitUntil(() -> PaymentSidecar.providerInService(sidecar), up -> up, IN_SERVICE);
            measureTheHop(p, stack, report);
            retries(p, sidecar, report);
            timeout(p, report);
            breaker(p, sidecar, report);
        } finally {
            p.management().heal(SERVICE);
            p.withoutIfAdded(PaymentSidecar.NAME, "scenario");
        }
    }

    /** The same call, straight to the provider and through the sidecar, one at a time. */
    private static void measureTheHop(RunningPlayground p, Supervisor stack, Report report) {
        Component sidecar = stack.stack().component(PaymentSidecar.NAME);
        int provider = PaymentSidecar.providerPort(stack.stack());
        Http http = new Http(Http.QUICK);
        List<Duration> direct = new ArrayList<>();
        List<Duration> through = new ArrayList<>();
        int answered = 0;
        for (int i = 0; i < HOP_CALLS; i++) {
            String body = "{\"reference\":\"sidecar-scenario-" + i + "\",\"amount\":\"1.00\"}";
            Http.Answer straight = http.post(Http.local(provider, "/authorizations"), body);
            Http.Answer proxied = http.post(Http.local(sidecar.port(), "/authorizations"), body);
            direct.add(straight.took());
            through.add(proxied.took());
            answered += straight.ok() && proxied.ok() ? 1 : 0;
        }
        long extraMedian = micros(RunningPlayground.percentile(through, 50)) - micros(RunningPlayground.percentile(direct, 50));
        report.figure("the hop: %d calls each way, median %.2f ms straight to the provider, %.2f ms through the sidecar"
                        + " (p99 %.2f and %.2f ms): %d µs more per call", HOP_CALLS,
                millis(RunningPlayground.percentile(direct, 50)), millis(RunningPlayground.percentile(through, 50)),
                millis(RunningPlayground.percentile(direct, 99)), millis(RunningPlayground.percentile(through, 99)),
                extraMedian);
        report.check("the sidecar passes every call through", answered == HOP_CALLS, answered + " of " + HOP_CALLS);
    }

    /** Every second call fails at the provider: the sidecar tries again, the service sees one call per payment. */
    private static void retries(RunningPlayground p, Component sidecar, Report report) {
        double retriedBefore = PaymentSidecar.answerRetries(sidecar);
        double callsBefore = PaymentSidecar.callsFromService(p.management());
        double ownRetriesBefore = ownRetries(p);
        p.breakTarget(SERVICE, PROVIDER, Map.of("error-rate", 0.5));
        int approved = 0;
        for (int i = 0; i < RETRY_ORDERS; i++) {
            approved += "APPROVED".equals(placeAndAwait(p)) ? 1 : 0;
        }
        p.management().heal(SERVICE);
        long retried = Math.round(PaymentSidecar.answerRetries(sidecar) - retriedBefore);
        long calls = Math.round(PaymentSidecar.callsFromService(p.management()) - callsBefore);
        report.figure("every second call to the provider failed: %d of %d orders approved; the sidecar retried %d times;"
                + " payment-service made %d calls", approved, RETRY_ORDERS, retried, calls);
        report.check("the sidecar's retries absorb the failures: every order is approved", approved == RETRY_ORDERS,
                approved + " of " + RETRY_ORDERS);
        report.check("the retries are the sidecar's, and the service made one call per payment", retried > 0
                && calls == RETRY_ORDERS && ownRetries(p) == ownRetriesBefore,
                "%d retries in the sidecar, %d calls from the service, %.0f retries of its own"
                        .formatted(retried, calls, ownRetries(p) - ownRetriesBefore));
    }

    /** The provider answers 2 s late: the sidecar gives up on each attempt after 1 s, and then on the payment. */
    private static void timeout(RunningPlayground p, Report report) {
        p.breakTarget(SERVICE, PROVIDER, Map.of("latency", 2000));
        Instant placed = Instant.now();
        Optional<String> orderId = RunningPlayground.orderId(p.placeOrder());
        String status = orderId.map(id -> p.awaitOrderEnded(id, ORDER_ENDS)).orElse(null);
        Duration took = Duration.between(placed, Instant.now());
        p.management().heal(SERVICE);
        String reason = orderId.map(id -> Json.text(Json.parse(p.get("/api/payments?orderId=" + id).body()), 0, "reason"))
                .orElse(null);
        report.figure("the provider 2 s late: the order was %s after %d ms; the payment's reason: %s", status,
                took.toMillis(), reason);
        report.check("the sidecar's time limit ends the wait: the order is rejected, the payment declined by the"
                + " sidecar's 504", "REJECTED".equals(status) && reason != null && reason.contains("504"),
                status + ", " + reason);
    }

    /**
     * Every call fails: after five failed calls in a row the sidecar takes the provider out and
     * answers at once itself. Its health check puts the provider back about 2 s later, healed or not
     * (the provider's /health never fails), so each order is watched while it runs, not after.
     */
    private static void breaker(RunningPlayground p, Component sidecar, Report report) {
        p.breakTarget(SERVICE, PROVIDER, Map.of("error-rate", 1));
        int orders = 0;
        boolean out = false;
        while (!out && orders < 10) {
            Optional<String> orderId = RunningPlayground.orderId(p.placeOrder());
            orders++;
            Instant placed = Instant.now();
            while (!out && orderId.isPresent() && Duration.between(placed, Instant.now()).compareTo(ORDER_ENDS) < 0
                    && "PENDING".equals(p.orderStatus(orderId.get()))) {
                out = !PaymentSidecar.providerInService(sidecar);
                RunningPlayground.pause(50);
            }
            out = out || !PaymentSidecar.providerInService(sidecar);
        }
        Instant seenOut = Instant.now();
        Http.Answer refused = new Http(Http.QUICK).post(Http.local(sidecar.port(), "/authorizations"),
                "{\"reference\":\"sidecar-scenario-refused\",\"amount\":\"1.00\"}");
        boolean circuitOpen = refused.status() == 503 && "circuit_open".equals(Json.text(refused.json(), "error"));
        boolean back = RunningPlayground.awaitUntil(() -> PaymentSidecar.providerInService(sidecar), up -> up, IN_SERVICE);
        Duration outFor = Duration.between(seenOut, Instant.now());
        p.management().heal(SERVICE);
        String after = placeAndAwait(p);
        report.figure("every call failing: the sidecar took the provider out during order %d, then refused a call itself"
                + " in %d ms (HTTP %d, %s); its health check put the provider back %d ms later", orders,
                refused.took().toMillis(), refused.status(), Json.text(refused.json(), "error"), outFor.toMillis());
        report.check("the sidecar stops calling a failing provider and refuses at once itself (circuit_open, under 100 ms)",
                out && circuitOpen && refused.took().toMillis() < 100,
                "%s during order %d, then %d %s in %d ms".formatted(out ? "out" : "still in", orders, refused.status(),
                        Json.text(refused.json(), "error"), refused.took().toMillis()));
        report.check("the provider is back in service, and healed, an order is approved", back && "APPROVED".equals(after),
                "back after %d ms, then %s".formatted(outFor.toMillis(), after));
    }

    private static String placeAndAwait(RunningPlayground p) {
        return RunningPlayground.orderId(p.placeOrder()).map(id -> p.awaitOrderEnded(id, ORDER_ENDS)).orElse("not placed");
    }

    private static double ownRetries(RunningPlayground p) {
        return p.management().metric(SERVICE, "resilience4j.retry.calls", Map.of("name", PROVIDER,
                "kind", "successful_with_retry"));
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
