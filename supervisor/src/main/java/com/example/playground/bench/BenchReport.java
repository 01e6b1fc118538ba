package com.example.playground.bench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bench's summary: a Markdown table (one column per saga style) that reads in a terminal and
 * pastes into docs/performance.md, headed by what it ran on (cores, JVM mode, database, sampling,
 * the rate limit lifted) and the gateway's cost, and followed by where Gatling's reports are.
 */
final class BenchReport {

    /** CPU-seconds per second above which the "idle" stack is still busy with something. */
    private static final double BUSY = 0.5;

    private final BenchOptions options;
    private final boolean postgres;
    private final String machine;
    private final List<PhaseResult> phases = new ArrayList<>();
    private GatlingRun.Result ratio;
    private double idleCpuPerSecond;
    private int databaseProcesses;

    BenchReport(BenchOptions options, boolean postgres, int cores, String jvmMode) {
        this.options = options;
        this.postgres = postgres;
        this.machine = "%d cores, JVM mode %s, %s".formatted(cores, jvmMode.toLowerCase(Locale.ROOT),
                postgres ? "PostgreSQL" : "H2");
    }

    /** How many of PostgreSQL's server processes the CPU figures count (on PostgreSQL). */
    void databaseProcesses(int count) {
        this.databaseProcesses = count;
    }

    void idle(double cpuSecondsPerSecond) {
        this.idleCpuPerSecond = cpuSecondsPerSecond;
    }

    void ratio(GatlingRun.Result result) {
        this.ratio = result;
    }

    void phase(PhaseResult phase) {
        phases.add(phase);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Bench ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(options.smoke() ? " (smoke: proves the harness, not the system)" : "").append("\n\n");
        md.append("On ").append(machine).append("; for the run the gateway's rate limit was lifted and tracing sampled at ")
                .append(decimal(options.sampling())).append('.')
                .append(" Idle, the stack spends ").append(decimal(idleCpuPerSecond * 1000)).append(" CPU-ms per second.\n\n");
        if (idleCpuPerSecond > BUSY) {
            // Seen after a run at a rate the stack could not keep: its compensations were still running.
            md.append("**The stack was busy before the load** (more than half a core): CPU per saga below is")
                    .append(" understated. Run again once it is quiet.\n\n");
        }
        if (ratio != null) {
            double gateway = ratio.perSecond("through the gateway");
            double direct = ratio.perSecond("direct");
            md.append("Gateway's cost, GET /api/inventory/book, %d clients, %d s each way: %s req/s through the gateway,"
                    .formatted(options.clients(), options.ratioSeconds(), decimal(gateway)))
                    .append(" %s req/s direct: **ratio %s**; not 200: %d through the gateway, %d direct.\n\n".formatted(
                            decimal(direct), direct == 0 ? "-" : String.format(Locale.ROOT, "%.2f", gateway / direct),
                            ratio.number("through the gateway", "count") - ratio.status("through the gateway", 200),
                            ratio.number("direct", "count") - ratio.status("direct", 200)));
        }
        md.append("| orders at ").append(decimal(options.rate())).append("/s for ").append(options.seconds())
                .append(" s | ").append(phases.stream().map(PhaseResult::style).collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---|".repeat(phases.size())).append('\n');
        row(md, "sent / accepted (201)", p -> p.sent() + " / " + p.accepted());
        row(md, "refused, by status", p -> p.refusedByStatus().isEmpty() ? "none" : p.refusedByStatus().entrySet()
                .stream().map(e -> (e.getKey().equals("0") ? "no answer" : e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ")));
        row(md, "POST latency p50 / p95 / p99 (ms)", p -> p.postP50() + " / " + p.postP95() + " / " + p.postP99());
        row(md, "ended: approved / rejected", p -> PhaseResult.count(p.atEnd(), "approved") + " / "
                + PhaseResult.count(p.atEnd(), "rejected"));
        row(md, "pending when the load stopped", p -> String.valueOf(p.pendingAtLoadEnd()));
        row(md, "backlog drained", p -> p.drainedIn() == null
                ? "no: " + p.pendingAtEnd() + " still pending after " + options.drainSeconds() + " s"
                : "in " + decimal(p.drainedIn().toMillis() / 1000.0) + " s");
        row(md, "placed → ended p50 / p95 / p99 / max (ms)", p -> p.latency("p50") + " / " + p.latency("p95") + " / "
                + p.latency("p99") + " / " + p.latency("max"));
        row(md, "sustained sagas/s (first placed → last ended)", p -> decimal(p.sustainedPerSecond()));
        // Below zero when the stack spent more "idle" than under load (C2 still compiling, an earlier
        // overload still compensating): no figure rather than a wrong one.
        row(md, "stack CPU per saga, idle taken off (ms)", p -> p.cpuMillisPerSaga() < 0
                ? "not known: busier idle than under load" : decimal(p.cpuMillisPerSaga()));
        row(md, "stack resident memory after (MB)", p -> p.residentBytes().isPresent()
                ? String.valueOf(p.residentBytes().getAsLong() / (1024 * 1024)) : "unknown");
        md.append("\nplaced → ended: order-service's own timestamps (created_at, updated_at). CPU: every process of the")
                .append(counted()).append(" from the load's start to the backlog's end, less what it spends idle, divided by the")
                .append(" sagas that ended.\n");
        md.append("Gatling's reports, with charts: */index.html beside this summary.\n");
        return md.toString();
    }

    /** Which processes the CPU figures count, said after "every process of the". */
    private String counted() {
        if (!postgres) {
            return " stack,";
        }
        return databaseProcesses > 0
                ? " stack and PostgreSQL's " + databaseProcesses + " server processes on this machine,"
                : " stack (PostgreSQL's server processes were not found on this machine: not counted),";
    }

    private void row(StringBuilder md, String figure, Function<PhaseResult, String> value) {
        md.append("| ").append(figure).append(" | ")
                .append(phases.stream().map(value).collect(Collectors.joining(" | "))).append(" |\n");
    }

    static String decimal(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
