package com.example.playground.bench;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./playground bench}: load from Gatling against the running stack, measured where it lands.
 * First the gateway's cost on one GET (through the gateway, then direct), then for each saga style
 * orders at a fixed arrival rate; after each, the backlog is left to drain and order-service's own
 * timestamps give placed → ended. For the run the gateway's per-address rate limit is lifted and
 * tracing sampled at {@code --sampling} (settings: the gateway restarts, the services take it
 * live); both are put back after, and the report says so. The summary goes
 * to the terminal and, with Gatling's HTML reports, to {@code .playground/bench/<time>/}.
 */
public final class Bench {

    public static final String RATE_LIMIT = "playground.gateway.rate-limit.enabled";
    public static final String SAMPLING = "management.tracing.sampling.probability";
    private static final String ORDERS = "place an order";

    private final Supervisor supervisor;
    private final PrintStream out;
    private final GatlingRun gatling;

    public Bench(Supervisor supervisor, PrintStream out) {
        this.supervisor = supervisor;
        this.out = out;
        this.gatling = new GatlingRun(supervisor.state().home());
    }

    public void run(BenchOptions options) {
        List<String> down = supervisor.status().stream().filter(s -> !s.up()).map(s -> s.component().name())
                .filter(name -> !Stack.optInNames().contains(name)).toList();
        if (!down.isEmpty()) {
            throw new PlaygroundException("The bench needs the whole stack; not running: " + String.join(", ", down)
                    + ". Start it with './playground up'.", PlaygroundException.FAILED);
        }
        Path folder = supervisor.state().root().resolve("bench")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean postgres = postgres();
        // One reading of the stack's CPU and memory; which processes count is decided once, here.
        // The opt-in apps (up --with monolith) are left out: the figures are the default stack's.
        Supplier<StackUsage> usage = () -> StackUsage.of(withoutOptIns(supervisor.processes()), postgres);
        BenchReport report = new BenchReport(options, postgres, Runtime.getRuntime().availableProcessors(),
                supervisor.jvm().name());
        out.printf("Bench: %s orders/s for %d s per saga style (%s); the gateway with %d clients for %d s each way.%n",
                BenchReport.decimal(options.rate()), options.seconds(), String.join(", ", options.styles()),
                options.clients(), options.ratioSeconds());
        double idle = idleCpuPerSecond(Duration.ofSeconds(options.smoke() ? 2 : 5), usage, report);
        out.printf("For the run: the gateway's rate limit lifted, tracing sampling %s (the gateway restarts)...%n",
                BenchReport.decimal(options.sampling()));
        try (RunSettings run = new RunSettings(supervisor.configuration(), out)) {
            String sampling = String.valueOf(options.sampling());
            run.set("gateway", Map.of(RATE_LIMIT, "false", SAMPLING, sampling));
            // Per app, not per instance: the overlay of inventory-service is also inventory-service-2's.
            supervisor.runningServices().stream().map(name -> supervisor.stack().component(name).module()).distinct()
                    .forEach(app -> run.set(app, Map.of(SAMPLING, sampling)));
            report.ratio(gatewayRatio(options, folder.resolve("gateway-ratio")));
            for (String style : options.styles()) {
                report.phase(phase(style, options, folder.resolve(style), idle, usage));
            }
        }
        String summary = report.markdown();
        out.println();
        out.print(summary);
        write(folder.resolve("summary.md"), summary);
        out.printf("%nReports: %s (summary.md, and each phase's Gatling report: */index.html)%n",
                supervisor.state().relative(folder));
    }

    private GatlingRun.Result gatewayRatio(BenchOptions options, Path folder) {
        out.printf("The gateway's cost: GET /api/inventory/book, %d clients, %d s through the gateway then %d s direct...%n",
                options.clients(), options.ratioSeconds(), options.ratioSeconds());
        Map<String, String> settings = new LinkedHashMap<>(urls());
        settings.put("direct", Http.local(supervisor.stack().component("inventory-service").port(), ""));
        settings.put("clients", String.valueOf(options.clients()));
        settings.put("seconds", String.valueOf(options.ratioSeconds()));
        settings.put("warmup", String.valueOf(options.warmUpSeconds()));
        return gatling.run("GatewayRatioSimulation", settings, folder, 10);
    }

    /**
     * What the idle stack spends per second (heartbeats, pollers, scrapes): measured over a few
     * seconds before the load, then taken off each phase's CPU, so CPU per saga is the sagas' own.
     */
    private double idleCpuPerSecond(Duration window, Supplier<StackUsage> usage, BenchReport report) {
        out.printf("Measuring the idle stack's CPU for %d s...%n", window.toSeconds());
        StackUsage before = usage.get();
        Instant started = Instant.now();
        RunningPlayground.pause(window.toMillis());
        StackUsage after = usage.get();
        double idle = after.cpuSecondsSince(before) / (Duration.between(started, Instant.now()).toMillis() / 1000.0);
        report.idle(idle);
        report.databaseProcesses(after.databaseProcesses());
        return idle;
    }

    private PhaseResult phase(String style, BenchOptions options, Path folder, double idlePerSecond,
            Supplier<StackUsage> usage) {
        out.printf("Orders (%s): %s/s for %d s...%n", style, BenchReport.decimal(options.rate()), options.seconds());
        Instant since = Instant.now();
        StackUsage before = usage.get();
        Map<String, String> settings = new LinkedHashMap<>(urls());
        settings.put("rate", String.valueOf(options.rate()));
        settings.put("duration", String.valueOf(options.seconds()));
        settings.put("saga", style);
        GatlingRun.Result load = gatling.run("OrderLoadSimulation", settings, folder, options.seconds() / 60 + 10);
        Instant loadEnded = Instant.now();
        Map<String, Object> atLoadEnd = timings(since, style);
        out.printf("  %d pending when the load stopped; waiting up to %d s for them to end...%n",
                PhaseResult.count(atLoadEnd, "pending"), options.drainSeconds());
        Map<String, Object> atEnd = RunningPlayground.awaitUntil(() -> timings(since, style),
                timings -> PhaseResult.count(timings, "pending") == 0, Duration.ofSeconds(options.drainSeconds()));
        StackUsage after = usage.get();
        double idle = idlePerSecond * Duration.between(since, Instant.now()).toMillis() / 1000.0;
        long sent = load.number(ORDERS, "count");
        long accepted = load.status(ORDERS, 201);
        Map<String, Object> refused = new LinkedHashMap<>(Json.objectAt(load.figures(), ORDERS, "byStatus"));
        refused.remove("201");
        Duration drained = PhaseResult.count(atEnd, "pending") == 0
                ? Duration.between(loadEnded, Instant.now()) : null;
        return new PhaseResult(style, sent, accepted, refused, load.number(ORDERS, "p50"), load.number(ORDERS, "p95"),
                load.number(ORDERS, "p99"), atLoadEnd, atEnd, drained, after.cpuSecondsSince(before) - idle,
                after.residentBytes());
    }

    /**
     * Whether the services keep their data in PostgreSQL (up --db postgres) rather than in H2 files,
     * as order-service itself says (one question to its management port).
     */
    private boolean postgres() {
        String database = supervisor.configuration().effective("order-service", "spring.datasource.url");
        return database != null && database.startsWith("jdbc:postgresql");
    }

    private Map<String, String> urls() {
        return Map.of("gateway", Http.local(supervisor.stack().gatewayPort(), ""));
    }

    /** order-service's account of the orders of one style placed since then. */
    private Map<String, Object> timings(Instant since, String style) {
        String body = supervisor.management().get("order-service", "/actuator/ordertimings?since=" + since);
        return Json.objectAt(Json.object(body), "styles", style);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    private static Map<String, ProcessHandle> withoutOptIns(Map<String, ProcessHandle> processes) {
        Map<String, ProcessHandle> stack = new LinkedHashMap<>(processes);
        stack.keySet().removeAll(Stack.optInNames());
        return stack;
    }
}
