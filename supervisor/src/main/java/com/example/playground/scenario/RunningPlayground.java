package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import com.example.playground.supervisor.Supervisor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The running playground as a scenario sees it: the public API through the gateway, the services'
 * management ports (to break and heal them, to read breakers and metrics), and the supervisor (to
 * kill, stop and start processes). Small helpers for what several scenarios do.
 */
public final class RunningPlayground {

    /** How long adding or stopping an instance may take. */
    private static final Duration SCALING = Duration.ofMinutes(3);

    private static final String ONE_PEN = "\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}]";

    private final Supervisor supervisor;
    private final PrintStream out;
    private final Http http = new Http(Http.PATIENT);

    public RunningPlayground(Supervisor supervisor, PrintStream out) {
        this.supervisor = supervisor;
        this.out = out;
    }

    /** Tells the user, while the scenario runs, what it does to the stack beyond breaking things. */
    public void say(String line) {
        out.println(line);
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public Management management() {
        return supervisor.management();
    }

    /** GET through the gateway, e.g. {@code get("/api/inventory/book")}. */
    public Http.Answer get(String path) {
        return http.get(Http.local(supervisor.stack().gatewayPort(), path));
    }

    /**
     * The same GET through the gateway from {@code callers} clients at once, e.g. to fill a bulkhead;
     * the answers in the order the calls were made.
     */
    public List<Http.Answer> getAtOnce(String path, int callers) {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<CompletableFuture<Http.Answer>> calls = IntStream.range(0, callers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> get(path), pool)).toList();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    public Http.Answer post(String path, String json) {
        return http.post(Http.local(supervisor.stack().gatewayPort(), path), json);
    }

    /** alice buys a pen, in the configured default saga style. */
    public Http.Answer placeOrder() {
        return post("/api/orders", "{" + ONE_PEN + "}");
    }

    /** alice buys a pen, in the given saga style. */
    public Http.Answer placeOrder(String saga) {
        return post("/api/orders", "{" + ONE_PEN + ",\"saga\":" + Json.write(saga) + "}");
    }

    /** The id of the order an answer placed, if it placed one. */
    public static Optional<String> orderId(Http.Answer placed) {
        return Optional.ofNullable(placed.status() == 201 ? Json.text(placed.json(), "orderId") : null);
    }

    /**
     * An order's status as the public API shows it (PENDING, APPROVED, REJECTED), or null: also when
     * the answer was no order at all (a 429 of the rate limit, a 503), whose problem has a numeric status.
     */
    public String orderStatus(String orderId) {
        Object order = order(orderId);
        return order == null ? null : Json.text(order, "status");
    }

    /** An order as the public API shows it, or null when the answer was no order (a 404, a 429, a 503). */
    public Object order(String orderId) {
        Http.Answer answer = get("/api/orders/" + orderId);
        return answer.ok() ? answer.json() : null;
    }

    /** Reads an order's status until it has ended (APPROVED or REJECTED), at most {@code atMost}: the last status read. */
    public String awaitOrderEnded(String orderId, Duration atMost) {
        return awaitUntil(() -> orderStatus(orderId), status -> status != null && !status.equals("PENDING"), atMost);
    }

    /** One order's row in an answer of {@code GET /api/order-history}, or null if the history does not list it. */
    public static Object historyRow(Object history, String orderId) {
        return Json.listAt(history, "orders").stream().filter(o -> orderId.equals(Json.text(o, "orderId"))).findFirst()
                .orElse(null);
    }

    /** Whether a row of the order history shows the order's outcome (APPROVED or REJECTED). */
    public static boolean endedInHistory(Object row) {
        String status = Json.text(row, "status");
        return "APPROVED".equals(status) || "REJECTED".equals(status);
    }

    /** Breaks one target of a service, e.g. {@code breakTarget("order-service", "inventory-service", Map.of("error-rate", 1))}. */
    public void breakTarget(String service, String target, Map<String, ?> settings) {
        management().breakTarget(service, target, settings);
    }

    public String breakerState(String service, String breaker) {
        return management().breakerState(service, breaker);
    }

    /**
     * The stack with two instances of the service: the running one if it has two; otherwise the same
     * stack scaled out, which its {@code up} completes. For a scenario or a lab check that needs two,
     * on a stack that may run one; {@link #backToOneIfAdded} afterwards.
     */
    public Supervisor twoInstancesOf(String service, String forWhat) {
        if (supervisor.stack().instancesOf(service) >= 2) {
            return supervisor;
        }
        say(service + " runs once: adding " + service + "-2 for this " + forWhat + " (it is stopped again afterwards).");
        return supervisor.scaled(service, 2);
    }

    /** A stack found running the service once gets back to one instance; false (nothing done) if it ran two. */
    public boolean backToOneIfAdded(String service, String forWhat) {
        if (supervisor.stack().instancesOf(service) >= 2) {
            return false;
        }
        say("Back to one instance of " + service + ", as the " + forWhat + " found the stack.");
        supervisor.up(SCALING);
        return true;
    }

    /**
     * Makes an opt-in process ({@code up --with NAME}) run for a scenario or a lab: started if the
     * stack as found does not run it, and stopped again by {@link #withoutIfAdded} afterwards. The
     * supervisor returned has it in its stack (its processes, their CPU and memory).
     */
    Supervisor withOptIn(String name, String forWhat) {
        if (supervisor.stack().find(name).isPresent()) {
            supervisor.start(name, SCALING);
            return supervisor;
        }
        say("The stack runs no " + name + ": starting it for this " + forWhat + " (it is stopped again afterwards).");
        Supervisor with = supervisor.scaled(name, 1);
        with.up(SCALING);
        return with;
    }

    /**
     * Back to the stack as the run found it, if that stack had no such process ({@link #withOptIn}
     * started it); also after a failed or interrupted run, so it keeps no state of its own.
     */
    void withoutIfAdded(String name, String forWhat) {
        if (supervisor.stack().find(name).isEmpty()) {
            say("Stopping " + name + " if it runs, as the " + forWhat + " found the stack.");
            supervisor.up(SCALING);
        }
    }

    /** Every stopped process started again, every fault healed and every switch off, in every service. */
    public void healEverything() {
        supervisor.status().stream().filter(s -> !s.up()).map(s -> s.component().name()).toList()
                .forEach(name -> supervisor.start(name, Duration.ofMinutes(3)));
        for (String service : supervisor.runningServices()) {
            try {
                management().heal(service);
            } catch (RuntimeException e) {
                // Best effort: a service that went down meanwhile has nothing broken.
            }
        }
    }

    /** The value below which this percentage of the durations lie (100: the slowest). */
    public static Duration percentile(List<Duration> values, int percent) {
        List<Duration> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(index);
    }

    /**
     * Reads a value again every 250 ms until it is what is awaited or {@code atMost} has passed: the
     * last value read (which the caller judges; a timeout is an answer too, not an exception).
     */
    public static <T> T awaitUntil(Supplier<T> read, Predicate<T> awaited, Duration atMost) {
        Instant until = Instant.now().plus(atMost);
        T value = read.get();
        while (!awaited.test(value) && Instant.now().isBefore(until)) {
            pause(250);
            value = read.get();
        }
        return value;
    }

    /** Waits on purpose, for pacing traffic or letting a bucket refill (never to wait for a condition). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
