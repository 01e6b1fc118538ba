package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.ResidentMemory;
import com.example.playground.supervisor.Supervisor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Over-engineering, measured: the same order (alice buys a pen) placed across the services
 * (order-service, inventory-service, payment-service and the saga orchestrator, over Kafka) and in
 * the monolith (one process, one database, one local transaction), side by side: how long until the
 * outcome is known, the CPU the processes doing the work spent per order, and their resident
 * memory. Starts the monolith if the stack does not run it, and stops it again afterwards.
 */
final class OverEngineeringScenario implements Scenario {

    private static final String MONOLITH = "monolith";
    private static final int ORDERS = 20;
    private static final int WARM_UP = 10;
    /**
     * The processes an order passes through each way. Eureka and the control room serve both alike;
     * Zipkin is left out too, though the services send it some 40 spans per order against 3.
     */
    private static final List<String> ACROSS_SERVICES = List.of("gateway", "order-service", "inventory-service",
            "payment-service", "saga-orchestrator", "kafka");
    private static final List<String> IN_ONE_PROCESS = List.of("gateway", MONOLITH);
    private static final String ONE_PEN = "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}]}";
    private static final BigDecimal PEN = new BigDecimal("1.20");

    @Override
    public String name() {
        return "over-engineering";
    }

    @Override
    public String shows() {
        return "the same orders placed across four services over Kafka and in one process with one database:"
                + " time to the outcome, CPU per order and memory, side by side";
    }

    /** What one way of placing the orders measured. */
    private record Batch(int approved, List<Long> outcomeMillis, double cpuMillisPerOrder, OptionalLong residentBytes) {
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        Supervisor stack = p.withOptIn(MONOLITH, "scenario");
        for (int i = 0; i < WARM_UP; i++) {
            acrossServices(p);
            inOneProcess(p);
        }
        BigDecimal creditBefore = number(p.get("/api/monolith/customers/alice"), "credit");
        BigDecimal stockBefore = number(p.get("/api/monolith/products/pen"), "available");

        Batch services = measure(stack, ACROSS_SERVICES, () -> {
            List<Long> outcomes = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                outcomes.add(acrossServices(p));
            }
            return outcomes;
        });
        Batch monolith = measure(stack, IN_ONE_PROCESS, () -> {
            List<Long> outcomes = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                outcomes.add(inOneProcess(p));
            }
            return outcomes;
        });

        BigDecimal creditSpent = creditBefore.subtract(number(p.get("/api/monolith/customers/alice"), "credit"));
        BigDecimal stockTaken = stockBefore.subtract(number(p.get("/api/monolith/products/pen"), "available"));

        report.figure("outcome known after, one order at a time (median / slowest of %d): across the services %d / %d ms (the POST answers"
                + " PENDING, then the saga runs over Kafka), in one process %d / %d ms (the POST's answer holds it)", ORDERS,
                RunningPlayground.percentile(durations(services.outcomeMillis()), 50).toMillis(),
                RunningPlayground.percentile(durations(services.outcomeMillis()), 100).toMillis(),
                RunningPlayground.percentile(durations(monolith.outcomeMillis()), 50).toMillis(),
                RunningPlayground.percentile(durations(monolith.outcomeMillis()), 100).toMillis());
        report.figure("CPU per order, idle taken off: %.1f ms across the services (%s; with the client's reads of its order until"
                + " it ended), %.1f ms in one process (%s)",
                services.cpuMillisPerOrder(), String.join(", ", ACROSS_SERVICES), monolith.cpuMillisPerOrder(),
                String.join(", ", IN_ONE_PROCESS));
        boolean memoryKnown = services.residentBytes().isPresent() && monolith.residentBytes().isPresent();
        if (memoryKnown) {
            report.figure("resident memory: %d MB for order, inventory, payment, the orchestrator and Kafka; %d MB for the monolith",
                    services.residentBytes().getAsLong() >> 20, monolith.residentBytes().getAsLong() >> 20);
        } else {
            report.figure("resident memory: not known on this system (it is read from Linux's /proc), so not compared");
        }

        report.check("every order across the services ended APPROVED", services.approved() == ORDERS,
                services.approved() + " of " + ORDERS);
        report.check("every order in one process was answered APPROVED at once", monolith.approved() == ORDERS,
                monolith.approved() + " of " + ORDERS);
        BigDecimal expected = PEN.multiply(BigDecimal.valueOf(ORDERS));
        report.check("the monolith's books moved by exactly its orders: " + ORDERS + " pens, " + expected + " of credit",
                stockTaken.compareTo(BigDecimal.valueOf(ORDERS)) == 0 && creditSpent.compareTo(expected) == 0,
                "stock -" + stockTaken.toBigInteger() + ", credit -" + creditSpent);
        report.check("one process spent less CPU per order than the services", monolith.cpuMillisPerOrder()
                < services.cpuMillisPerOrder(), "%.1f against %.1f ms".formatted(monolith.cpuMillisPerOrder(),
                services.cpuMillisPerOrder()));
        if (memoryKnown) {
            long one = monolith.residentBytes().getAsLong();
            long apart = services.residentBytes().getAsLong();
            report.check("one process held less memory than the services", one < apart,
                    (one >> 20) + " against " + (apart >> 20) + " MB");
        }
    }

    /**
     * Runs one way's orders and measures what its processes spent meanwhile, less what they spend
     * idle (measured for 3 s just before): the orders' outcome times come from {@code orders}, which
     * answers -1 for an order that did not end APPROVED.
     */
    private static Batch measure(Supervisor stack, List<String> processes, Supplier<List<Long>> orders) {
        Instant idleFrom = Instant.now();
        double idleStart = cpuMillis(stack, processes);
        RunningPlayground.pause(3000);
        double idlePerMilli = (cpuMillis(stack, processes) - idleStart) / Duration.between(idleFrom, Instant.now()).toMillis();
        Instant from = Instant.now();
        double start = cpuMillis(stack, processes);
        List<Long> outcomes = orders.get();
        double spent = cpuMillis(stack, processes) - start - idlePerMilli * Duration.between(from, Instant.now()).toMillis();
        List<Long> approved = outcomes.stream().filter(millis -> millis >= 0).toList();
        // Memory of what this way needs beyond the other: the gateway serves both and is left out.
        OptionalLong resident = OptionalLong.of(0);
        for (Map.Entry<String, ProcessHandle> e : stack.processes().entrySet()) {
            if (isOneOf(e.getKey(), processes) && !e.getKey().equals("gateway")) {
                OptionalLong rss = ResidentMemory.of(e.getValue().pid());
                resident = resident.isPresent() && rss.isPresent()
                        ? OptionalLong.of(resident.getAsLong() + rss.getAsLong()) : OptionalLong.empty();
            }
        }
        return new Batch(approved.size(), approved, spent / Math.max(1, outcomes.size()), resident);
    }

    /** CPU time the named processes (and their extra instances, if any) have spent so far. */
    private static double cpuMillis(Supervisor stack, List<String> processes) {
        double millis = 0;
        for (Map.Entry<String, ProcessHandle> e : stack.processes().entrySet()) {
            if (isOneOf(e.getKey(), processes)) {
                millis += e.getValue().info().totalCpuDuration().orElse(Duration.ZERO).toMillis();
            }
        }
        return millis;
    }

    /** Whether a process is one of these or an extra instance of one ({@code inventory-service-2}). */
    private static boolean isOneOf(String process, List<String> names) {
        return names.stream().anyMatch(name -> process.equals(name) || process.startsWith(name + "-"));
    }

    /** One order across the services, waited for; see {@link #outcomeAfter}. */
    private static long acrossServices(RunningPlayground p) {
        return outcomeAfter(p, p.post("/api/orders", ONE_PEN));
    }

    /**
     * Waits for an order placed across the services to end: how long until its outcome was known,
     * the POST's answer (PENDING) and then placed to APPROVED by order-service's own timestamps
     * (createdAt, updatedAt, not the polling's); -1 if it was not placed or did not end APPROVED.
     */
    private static long outcomeAfter(RunningPlayground p, Http.Answer placed) {
        String orderId = RunningPlayground.orderId(placed).orElse(null);
        if (orderId == null) {
            return -1;
        }
        // The client's reads of its order until it has ended are part of this way's cost: the CPU counts them.
        Object order = RunningPlayground.awaitUntil(() -> p.get("/api/orders/" + orderId),
                read -> read.ok() && !"PENDING".equals(Json.text(read.json(), "status")), Duration.ofSeconds(60)).json();
        if (!"APPROVED".equals(Json.text(order, "status"))) {
            return -1;
        }
        return placed.took().toMillis() + Duration.between(OffsetDateTime.parse(Json.text(order, "createdAt")),
                OffsetDateTime.parse(Json.text(order, "updatedAt"))).toMillis();
    }

    /** One order in the monolith: how long until its answer (which holds the outcome), or -1 if not APPROVED. */
    private static long inOneProcess(RunningPlayground p) {
        Http.Answer answer = p.post("/api/monolith/orders", ONE_PEN);
        return answer.status() == 201 && "APPROVED".equals(Json.text(answer.json(), "status"))
                ? answer.took().toMillis() : -1;
    }

    /** A number the monolith answered (JSON numbers come back as doubles: to two decimals), or zero if it did not. */
    private static BigDecimal number(Http.Answer answer, String field) {
        String value = answer.status() == 200 ? Json.money(answer.json(), field) : null;
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static List<Duration> durations(List<Long> millis) {
        return millis.isEmpty() ? List.of(Duration.ZERO) : millis.stream().map(Duration::ofMillis).toList();
    }

    /** The monolith stopped again if this run started it; faults healed as after every scenario. */
    @Override
    public void heal(RunningPlayground p) {
        p.withoutIfAdded(MONOLITH, "scenario");
        p.healEverything();
    }
}
