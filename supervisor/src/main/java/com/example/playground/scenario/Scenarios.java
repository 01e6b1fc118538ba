package com.example.playground.scenario;

import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import com.example.playground.supervisor.Supervisor.FaultRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./playground scenario list|run <name>}: each scenario breaks something on purpose, drives
 * traffic through the gateway, measures, checks what the pattern promises with numbers, and heals
 * every service afterwards, also when it fails or is interrupted. Exit 0 only on PASS.
 */
public final class Scenarios {

    private record Scenario(String description, BiConsumer<Context, Report> body) {
    }

    private record Context(Supervisor supervisor, Http http, String gateway, PrintStream out) {

        private static final String ONE_PEN = "\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}]";

        /** alice buys a pen, in the configured default saga style. */
        Http.Answer placeOrder() {
            return http.post(gateway + "/api/orders", "{" + ONE_PEN + "}");
        }

        /** alice buys a pen, in the given saga style. */
        Http.Answer placeOrder(String saga) {
            return http.post(gateway + "/api/orders", "{" + ONE_PEN + ",\"saga\":\"" + saga + "\"}");
        }
    }

    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        ALL.put("circuit-breaker", new Scenario(
                "inventory-service fails for order-service: its breaker opens, answers fast while open, and closes once healed",
                Scenarios::circuitBreaker));
        ALL.put("retry", new Scenario(
                "every fifth call from order-service to inventory-service fails: retries absorb them, attempts are counted",
                Scenarios::retry));
        ALL.put("timeout", new Scenario(
                "payment-service hangs: callers through the gateway still get an answer within its time limit",
                Scenarios::timeout));
        ALL.put("bulkhead", new Scenario(
                "payment-service hangs: composed order details still get their inventory half at once",
                Scenarios::bulkhead));
        ALL.put("failover", new Scenario(
                "two instances of inventory-service, one killed: the gateway stops routing to it within seconds",
                Scenarios::failover));
        ALL.put("kafka-outage", new Scenario(
                "the Kafka broker stops and comes back: orders placed meanwhile are accepted, none is lost, all end",
                Scenarios::kafkaOutage));
        ALL.put("rate-limit", new Scenario(
                "requests below the gateway's rate limit all pass; past it, 429s with Retry-After",
                Scenarios::rateLimit));
    }

    private Scenarios() {
    }

    public static void list(PrintStream out) {
        ALL.forEach((name, scenario) -> out.printf("  %-16s %s%n", name, scenario.description()));
    }

    /** Runs one scenario against the running playground; true on PASS. */
    public static boolean run(String name, Supervisor supervisor, PrintStream out) {
        Scenario scenario = ALL.get(name);
        if (scenario == null) {
            throw new PlaygroundException("No scenario '" + name + "'. Known: " + String.join(", ", ALL.keySet()),
                    PlaygroundException.USAGE);
        }
        if (supervisor.runningServices().isEmpty()) {
            throw new PlaygroundException("The playground is not running. Start it with './playground up'.",
                    PlaygroundException.FAILED);
        }
        Context context = new Context(supervisor, new Http(),
                "http://127.0.0.1:" + supervisor.stack().gatewayPort(), out);
        Report report = new Report(name);
        Thread healer = new Thread(() -> healAll(supervisor), "scenario-heal");
        Runtime.getRuntime().addShutdownHook(healer);
        out.println("Running " + name + ": " + scenario.description());
        try {
            scenario.body().accept(context, report);
        } finally {
            healAll(supervisor);
            try {
                Runtime.getRuntime().removeShutdownHook(healer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already: it heals.
            }
        }
        report.print(out);
        return report.passed();
    }

    private static void healAll(Supervisor supervisor) {
        // A process a scenario stopped or killed (the broker, an instance) is started again.
        supervisor.status().stream().filter(s -> !s.up()).map(s -> s.component().name()).toList()
                .forEach(name -> supervisor.start(name, Duration.ofMinutes(3)));
        for (String service : supervisor.runningServices()) {
            try {
                supervisor.heal(service);
            } catch (RuntimeException e) {
                // Healing is best effort: a service that is down has no faults to heal.
            }
        }
    }

    // ------------------------------------------------------------------ the scenarios

    private static void circuitBreaker(Context c, Report report) {
        c.supervisor().breakService("order-service", new FaultRequest("inventory-service", null, 1.0, false));
        Instant broken = Instant.now();
        int calls = 0;
        while (!breakerState(c, "order-service", "inventory-service").equals("OPEN") && calls < 20) {
            c.placeOrder();
            calls++;
        }
        Duration toOpen = Duration.between(broken, Instant.now());
        report.check("the breaker opens once 5 calls in its 10 s window failed (3 attempts per order)",
                breakerState(c, "order-service", "inventory-service").equals("OPEN"),
                "OPEN after %d orders, %d ms".formatted(calls, toOpen.toMillis()));

        List<Duration> open = new ArrayList<>();
        boolean allProblems = true;
        for (int i = 0; i < 10; i++) {
            Http.Answer answer = c.placeOrder();
            open.add(answer.took());
            allProblems &= answer.status() == 503 && answer.body().contains("circuit breaker is open");
        }
        Duration median = percentile(open, 50);
        report.figure("while OPEN: 10 orders, median %d ms, slowest %d ms", median.toMillis(),
                percentile(open, 100).toMillis());
        report.check("while open, every order is refused at once with a 503 problem", allProblems, "10 of 10");
        report.check("the fallback is fast (median under 100 ms)", median.toMillis() < 100,
                median.toMillis() + " ms");

        c.supervisor().heal("order-service");
        Instant healed = Instant.now();
        while (!breakerState(c, "order-service", "inventory-service").equals("HALF_OPEN")
                && Duration.between(healed, Instant.now()).toSeconds() < 15) {
            sleep(200);
        }
        report.check("after its open wait (5 s) it lets trial calls through: HALF_OPEN",
                breakerState(c, "order-service", "inventory-service").equals("HALF_OPEN"),
                "after %d ms".formatted(Duration.between(healed, Instant.now()).toMillis()));
        int placed = 0;
        for (int i = 0; i < 3; i++) {
            placed += c.placeOrder().status() == 201 ? 1 : 0;
        }
        report.check("three good trial calls close it again: CLOSED",
                breakerState(c, "order-service", "inventory-service").equals("CLOSED"),
                "%d of 3 trial orders placed".formatted(placed));
    }

    private static void retry(Context c, Report report) {
        long retriedBefore = retryCount(c, "successful_with_retry");
        c.supervisor().breakService("order-service", new FaultRequest("inventory-service", null, 0.2, false));
        int placed = 0;
        int orders = 20;
        for (int i = 0; i < orders; i++) {
            placed += c.placeOrder().status() == 201 ? 1 : 0;
        }
        long retried = retryCount(c, "successful_with_retry") - retriedBefore;
        report.figure("every fifth call to inventory-service failed; %d orders placed", orders);
        report.check("retries absorb the failures: every order is placed", placed == orders,
                "%d of %d".formatted(placed, orders));
        report.check("the retries happened and were counted", retried > 0,
                "%d calls succeeded on a later attempt".formatted(retried));
    }

    private static void timeout(Context c, Report report) {
        c.supervisor().breakService("payment-service", new FaultRequest("inbound", null, null, true));
        List<Duration> took = new ArrayList<>();
        boolean allFallbacks = true;
        for (int i = 0; i < 3; i++) {
            Http.Answer answer = c.http().get(c.gateway() + "/api/payments?orderId=timeout-scenario");
            took.add(answer.took());
            allFallbacks &= answer.status() == 503 && answer.body().contains("service-unavailable");
        }
        Duration slowest = percentile(took, 100);
        report.figure("payment-service hung; 3 requests through the gateway, slowest %d ms", slowest.toMillis());
        report.check("every caller gets the gateway's 503 problem instead of waiting forever", allFallbacks,
                "3 requests");
        report.check("within the time limit (response timeout 4 s, breaker limit 5 s)", slowest.toMillis() < 5500,
                slowest.toMillis() + " ms");
    }

    private static void rateLimit(Context c, Report report) {
        sleep(2500); // let the bucket fill up after whatever ran before
        int refusedSlow = 0;
        for (int i = 0; i < 30; i++) {
            refusedSlow += c.http().get(c.gateway() + "/api/inventory/book").status() == 429 ? 1 : 0;
            sleep(100); // 10 per second: half the limit
        }
        report.check("below the limit (10/s for 3 s) no request is refused", refusedSlow == 0,
                refusedSlow + " of 30 refused");
        int refusedFast = 0;
        boolean retryAfter = true;
        Instant started = Instant.now();
        for (int i = 0; i < 150; i++) {
            Http.Answer answer = c.http().get(c.gateway() + "/api/inventory/book");
            if (answer.status() == 429) {
                refusedFast++;
                retryAfter &= answer.retryAfter() != null && answer.body().contains("rate-limited");
            }
        }
        long millis = Math.max(1, Duration.between(started, Instant.now()).toMillis());
        report.figure("past the limit: 150 requests in %d ms (%d/s)", millis, 150_000 / millis);
        report.check("past the limit requests are refused with 429", refusedFast > 0,
                refusedFast + " of 150 refused");
        report.check("every 429 says when to come back (Retry-After) and is a rate-limited problem", retryAfter,
                refusedFast + " checked");
    }

    private static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(true|false)");
    private static final Pattern TOOK = Pattern.compile("\"tookMs\"\\s*:\\s*(\\d+)");

    /** A part of order details: whether it was available and how long it took; null if absent. */
    private static long[] part(String body, String name) {
        int at = body.indexOf("\"" + name + "\"");
        Matcher available = AVAILABLE.matcher(body);
        Matcher took = TOOK.matcher(body);
        if (at < 0 || !available.find(at) || !took.find(at)) {
            return null;
        }
        return new long[] {available.group(1).equals("true") ? 1 : 0, Long.parseLong(took.group(1))};
    }

    private static void bulkhead(Context c, Report report) {
        Matcher placed = ORDER_ID.matcher(c.placeOrder().body());
        if (!placed.find()) {
            report.check("an order to look at", false, "could not place one");
            return;
        }
        String url = c.gateway() + "/api/orders/" + placed.group(1) + "/details";
        c.supervisor().breakService("payment-service", new FaultRequest("inbound", null, null, true));
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<Http.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> c.http().get(url), pool));
        }
        pool.shutdown();
        List<Long> inventoryMs = new ArrayList<>();
        int inventoryAnswered = 0;
        int paymentAnswered = 0;
        List<Duration> took = new ArrayList<>();
        for (var call : calls) {
            Http.Answer answer = call.join();
            took.add(answer.took());
            long[] inventory = part(answer.body(), "reservations");
            long[] payment = part(answer.body(), "payments");
            if (inventory != null) {
                inventoryAnswered += (int) inventory[0];
                inventoryMs.add(inventory[1]);
            }
            if (payment != null) {
                paymentAnswered += (int) payment[0];
            }
        }
        long slowestInventory = inventoryMs.stream().mapToLong(Long::longValue).max().orElse(-1);
        report.figure("payment-service hung; %d callers at once; inventory half at most %d ms; "
                + "whole answers at most %d ms", callers, slowestInventory, percentile(took, 100).toMillis());
        report.check("every caller still gets the inventory half", inventoryAnswered == callers,
                inventoryAnswered + " of " + callers);
        report.check("and gets it at once (under 500 ms), not after the slow half", slowestInventory >= 0
                && slowestInventory < 500, slowestInventory + " ms at most");
        report.check("the payment half is marked unavailable instead of holding the answer", paymentAnswered == 0,
                (callers - paymentAnswered) + " of " + callers + " unavailable");
        report.check("no whole answer waits for the slow service (time limit 1 s)",
                percentile(took, 100).toMillis() < 2000, percentile(took, 100).toMillis() + " ms at most");
    }

    private static void failover(Context c, Report report) {
        if (c.supervisor().stack().instancesOf("inventory-service") < 2) {
            report.check("two instances of inventory-service run (start with './playground up --instances "
                    + "inventory-service=2')", false, c.supervisor().stack().instancesOf("inventory-service") + " running");
            return;
        }
        String url = c.gateway() + "/api/inventory/book";
        // 8 requests a second through the gateway (well under its rate limit), for 15 s; one instance dies after 3 s.
        int failed = 0;
        int sent = 0;
        Instant start = Instant.now();
        Instant killedAt = null;
        Instant forgottenAt = null;
        while (Duration.between(start, Instant.now()).toMillis() < 15_000) {
            if (killedAt == null && Duration.between(start, Instant.now()).toMillis() >= 3000) {
                c.supervisor().kill("inventory-service-2");
                killedAt = Instant.now();
            }
            if (killedAt != null && forgottenAt == null && !c.supervisor().registered("inventory-service-2")) {
                forgottenAt = Instant.now();
            }
            sent++;
            failed += c.http().get(url).status() == 200 ? 0 : 1;
            sleep(125);
        }
        long forgotten = forgottenAt == null ? -1 : Duration.between(killedAt, forgottenAt).toMillis();
        report.figure("%d requests over 15 s through the gateway; inventory-service-2 killed at 3 s; "
                + "Eureka dropped it %d ms later", sent, forgotten);
        report.check("Eureka stops handing out the dead instance within 8 s (lease 3 s, eviction every 1 s)",
                forgotten >= 0 && forgotten <= 8000, forgotten < 0 ? "still registered" : forgotten + " ms");
        report.check("no request fails: one that meets the dead instance meanwhile is retried on the other",
                failed == 0, failed + " of " + sent + " failed");
        // healAll starts the killed instance again.
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    private static void kafkaOutage(Context c, Report report) {
        List<String> orders = new ArrayList<>();
        Instant stopped = Instant.now();
        c.supervisor().stop("kafka");
        Instant back;
        try {
            for (int i = 0; i < 6; i++) {
                String saga = i % 2 == 0 ? "orchestration" : "choreography";
                Http.Answer answer = c.placeOrder(saga);
                Matcher id = ORDER_ID.matcher(answer.body());
                if (answer.status() == 201 && id.find()) {
                    orders.add(id.group(1));
                }
            }
            report.check("orders are accepted while the broker is down (each stored with its event in the outbox)",
                    orders.size() == 6, orders.size() + " of 6 accepted");
        } finally {
            c.supervisor().start("kafka", Duration.ofMinutes(3));
            back = Instant.now();
        }
        report.figure("broker down for %.1f s; %d orders placed meanwhile (both saga styles)",
                Duration.between(stopped, back).toMillis() / 1000.0, orders.size());
        List<String> pending = new ArrayList<>(orders);
        int approved = 0;
        while (!pending.isEmpty() && Duration.between(back, Instant.now()).toSeconds() < 120) {
            for (String id : List.copyOf(pending)) {
                Matcher status = STATUS.matcher(c.http().get(c.gateway() + "/api/orders/" + id).body());
                if (status.find() && !status.group(1).equals("PENDING")) {
                    pending.remove(id);
                    approved += status.group(1).equals("APPROVED") ? 1 : 0;
                }
            }
            sleep(500);
        }
        long tookSeconds = Duration.between(back, Instant.now()).toSeconds();
        report.check("once the broker is back every one of them ends: none lost, none stuck PENDING",
                pending.isEmpty() && !orders.isEmpty(),
                "%d of %d ended within %d s of the broker's return".formatted(orders.size() - pending.size(),
                        orders.size(), tookSeconds));
        report.check("and they end as they would have without the outage: APPROVED", approved == orders.size(),
                approved + " APPROVED");
    }

    // ------------------------------------------------------------------ measuring

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private static String breakerState(Context c, String service, String breaker) {
        String body = c.supervisor().management(service, "/actuator/circuitbreakers");
        int at = body.indexOf("\"" + breaker + "\"");
        Matcher m = STATE.matcher(body);
        return at >= 0 && m.find(at) ? m.group(1) : "UNKNOWN";
    }

    private static final Pattern MEASUREMENT = Pattern.compile("\"value\"\\s*:\\s*([0-9.]+)");

    private static long retryCount(Context c, String kind) {
        String body = c.supervisor().management("order-service",
                "/actuator/metrics/resilience4j.retry.calls?tag=name:inventory-service&tag=kind:" + kind);
        Matcher m = MEASUREMENT.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static Duration percentile(List<Duration> values, int percent) {
        List<Duration> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(index);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
