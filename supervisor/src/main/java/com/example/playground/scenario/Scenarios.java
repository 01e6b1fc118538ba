package com.example.playground.scenario;

import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./playground scenario list|run <name>}: every scenario, and how one is run. A run prints
 * what it does, the figures it measured and each check, then PASS or FAIL; whatever happens, the
 * scenario heals afterwards (also on Ctrl-C).
 */
public final class Scenarios {

    /** Every scenario, in the order they are listed. Adding one: its class, and a line here. */
    static final List<Scenario> ALL = List.of(
            new CircuitBreakerScenario(),
            new RetryScenario(),
            new TimeoutScenario(),
            new BulkheadScenario(),
            new FailoverScenario(),
            new KafkaOutageScenario(),
            new RateLimitScenario(),
            new GatewayBulkheadScenario(),
            new ExternalizedConfigurationScenario(),
            new CqrsScenario(),
            new EventSourcingScenario(),
            new LeaderElectionScenario(),
            new PartitioningScenario(),
            new DistributedMonolithScenario(),
            new TwoPhaseCommitScenario(),
            new SharedDatabaseScenario(),
            new OverEngineeringScenario(),
            new StranglerFigScenario(),
            new CanaryReleaseScenario(),
            new BackendForFrontendScenario(),
            new SidecarScenario(),
            new AutoScalingScenario());

    private Scenarios() {
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    /** The scenarios that run on a stack on PostgreSQL only (true), or on any stack (false). */
    public static List<String> names(boolean needingPostgres) {
        return ALL.stream().filter(scenario -> scenario.needsPostgres() == needingPostgres).map(Scenario::name).toList();
    }

    /** Every scenario for the control room's page: its name, what it shows, and why it cannot run here, if so. */
    public static List<Map<String, Object>> catalogue() {
        return ALL.stream().map(scenario -> {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("name", scenario.name());
            about.put("shows", scenario.shows());
            about.put("needsPostgres", scenario.needsPostgres());
            about.put("cannotRunHere", scenario.cannotRunHere().orElse(null));
            return about;
        }).toList();
    }

    public static void list(PrintStream out) {
        int width = ALL.stream().mapToInt(scenario -> scenario.name().length()).max().orElse(0);
        ALL.forEach(scenario -> out.printf("  %-" + width + "s  %s%s%n", scenario.name(),
                scenario.needsPostgres() ? "(--db postgres) " : "", scenario.shows()));
    }

    static Optional<Scenario> find(String name) {
        return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
    }

    /** Runs one scenario against the running playground; true on PASS. */
    public static boolean run(String name, Supervisor supervisor, PrintStream out) {
        Scenario scenario = find(name).orElseThrow(() -> new PlaygroundException("No scenario '" + name
                + "'. Known: " + String.join(", ", names()), PlaygroundException.USAGE));
        if (supervisor.runningServices().isEmpty()) {
            throw new PlaygroundException("The playground is not running. Start it with './playground up'.",
                    PlaygroundException.FAILED);
        }
        Optional<String> cannot = scenario.cannotRunHere();
        if (cannot.isPresent()) {
            throw new PlaygroundException("Scenario " + name + " cannot run here: " + cannot.get() + ".",
                    PlaygroundException.FAILED);
        }
        return run(scenario, new RunningPlayground(supervisor, out), out);
    }

    /** Why a scenario cannot run on this machine, or empty ({@link Scenario#cannotRunHere}). */
    public static Optional<String> cannotRunHere(String name) {
        return find(name).flatMap(Scenario::cannotRunHere);
    }

    /** Runs a scenario and heals after it, whatever happens; true on PASS. */
    static boolean run(Scenario scenario, RunningPlayground playground, PrintStream out) {
        String name = scenario.name();
        Report report = new Report(name);
        Thread healer = new Thread(() -> scenario.heal(playground), "scenario-heal");
        Runtime.getRuntime().addShutdownHook(healer);
        out.println("Running " + name + ": " + scenario.shows());
        try {
            scenario.run(playground, report);
        } finally {
            scenario.heal(playground);
            try {
                Runtime.getRuntime().removeShutdownHook(healer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already: it heals.
            }
        }
        report.print(out);
        return report.passed();
    }
}
