package com.example.playground.lab;

import com.example.playground.scenario.SlowBurst;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Configuration;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code ./playground lab list|start|check|hint|solution|reset}: every lab, and what each command
 * does with one. Starting a lab cycles only the services (and any app whose settings change): they
 * stop, get fresh data, the lab's settings and planted defect, and start again; Kafka, Zipkin,
 * Eureka and the gateway keep running.
 */
public final class Labs {

    /** Every lab, in the workshop's order; its place here is its number. Adding one: its class, and a line here. */
    static final List<Lab> ALL = List.of(
            new FollowAnOrderLab(),
            new TwoSagasOneOutcomeLab(),
            new BreakerWatchLab(),
            new OutboxCrashLab(),
            new BreakerCountsClientErrorsLab(),
            new SharedBulkheadLab(),
            new CompensationOrderLab(),
            new KafkaReadinessLab(),
            new RetryStormLab(),
            new ChargedTwiceLab(),
            new PoisonAndParkedLab(),
            new TimeoutBudgetLab(),
            new EurekaTimingsLab(),
            new GameDayLab(),
            new StaleHistoryLab(),
            new LyingBalanceLab(),
            new LeaderLeaseLab(),
            new IdleInstanceLab(),
            new CheckoutNeedsEveryoneLab(),
            new FiveProcessesOneOrderLab(),
            new InDoubtOrderLab(),
            new ReaderNobodyKnewLab(),
            new StrangleTheCatalogLab(),
            new PatientPhoneLab(),
            new WhoRetriedLab(),
            new TooFewHandsLab(),
            new SlowCanaryLab());

    private final Supervisor supervisor;
    private final PrintStream out;
    private final LabProgress progress;

    public Labs(Supervisor supervisor, PrintStream out) {
        this.supervisor = supervisor;
        this.out = out;
        this.progress = LabProgress.in(supervisor.state().root());
    }

    /** Why a lab cannot run on this machine, or empty ({@link Lab#cannotRunHere}). */
    public static Optional<String> cannotRunHere(String name) {
        return ALL.stream().filter(lab -> lab.name().equals(name)).findFirst().flatMap(Lab::cannotRunHere);
    }

    public static List<String> names() {
        return ALL.stream().map(Lab::name).toList();
    }

    /** The labs that need a stack on PostgreSQL ({@code onPostgres}), or the others. */
    public static List<String> names(boolean onPostgres) {
        return ALL.stream().filter(lab -> lab.needsPostgres() == onPostgres).map(Lab::name).toList();
    }

    static int number(Lab lab) {
        return ALL.indexOf(lab) + 1;
    }

    /** The lab's page, relative to the repository. */
    static String page(Lab lab) {
        return "docs/labs/%02d-%s.md".formatted(number(lab), lab.name());
    }

    /** A lab by number ({@code 3}, {@code 03}) or by name. */
    static Lab find(String id) {
        if (id != null && id.matches("\\d{1,3}")) {
            int number = Integer.parseInt(id);
            if (number >= 1 && number <= ALL.size()) {
                return ALL.get(number - 1);
            }
        }
        return ALL.stream().filter(lab -> lab.name().equals(id)).findFirst()
                .orElseThrow(() -> new PlaygroundException("No lab '" + id + "'. './playground lab list' shows them: 1 to "
                        + ALL.size() + ", or their names.", PlaygroundException.USAGE));
    }

    /** The lab in progress ({@code lab start}), for the control room's page: what {@code lab start} printed of it. */
    public Optional<Map<String, Object>> inProgress() {
        String name = progress.current();
        if (name == null) {
            return Optional.empty();
        }
        Lab lab = find(name);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("number", number(lab));
        about.put("name", lab.name());
        about.put("title", lab.title());
        about.put("level", lab.level().name().toLowerCase(Locale.ROOT));
        about.put("minutes", lab.minutes());
        about.put("goal", lab.goal());
        about.put("firstStep", lab.firstStep());
        about.put("page", page(lab));
        about.put("done", progress.isDone(lab.name()));
        return Optional.of(about);
    }

    public void list() {
        out.printf("  %-3s %-32s %-44s %-13s %-5s %s%n", "#", "name", "title", "level", "min", "done");
        for (Lab lab : ALL) {
            out.printf("  %-3d %-32s %-44s %-13s %-5d %s%n", number(lab), lab.name(), lab.title(),
                    lab.level().name().toLowerCase(Locale.ROOT), lab.minutes(), progress.isDone(lab.name()) ? "yes" : "-");
        }
        out.println();
        out.println("Start one with './playground lab start N'; its page is docs/labs/NN-name.md.");
    }

    /** Puts the stack in the lab's starting state, then prints its goal and first step. */
    public void start(String id) {
        Lab lab = find(id);
        if (lab.needsPostgres() && !supervisor.onPostgres()) {
            throw new PlaygroundException("Lab " + number(lab) + " (" + lab.name() + ") needs the playground on PostgreSQL:"
                    + " './playground down', then './playground up --db postgres' (" + page(lab) + " says what it needs),"
                    + " and start the lab again.", PlaygroundException.USAGE);
        }
        Optional<String> cannot = lab.cannotRunHere();
        if (cannot.isPresent()) {
            throw new PlaygroundException("Lab " + number(lab) + " (" + lab.name() + ") cannot run here: " + cannot.get()
                    + ".", PlaygroundException.FAILED);
        }
        Instant started = Instant.now();
        out.printf("Preparing lab %d (%s): fresh data, its settings%s...%n", number(lab), lab.name(),
                lab.plant().isPresent() ? ", a planted defect" : "");
        prepare(lab.settings(), lab.plant().stream().toList());
        LabBench bench = bench(null);
        bench.forgetAnswer(lab.name());
        lab.start(bench);
        progress.started(lab.name());
        out.printf("Ready after %d s.%n%n", Duration.between(started, Instant.now()).toSeconds());
        out.printf("Lab %d: %s  (%s, about %d min)%n", number(lab), lab.title(),
                lab.level().name().toLowerCase(Locale.ROOT), lab.minutes());
        out.println("Page:       " + page(lab));
        out.println("Goal:       " + lab.goal());
        out.println("First step: " + lab.firstStep());
        out.printf("Check:      ./playground lab check %d   (hints: ./playground lab hint %d)%n", number(lab), number(lab));
    }

    /** Checks the lab (the one in progress if none is named); true on PASS. */
    public boolean check(String id, String answer) {
        return check(id, answer, false);
    }

    /** Checks the lab; {@code reveal}: the check may show what the attendee has not found yet. */
    public boolean check(String id, String answer, boolean reveal) {
        Lab lab = id != null ? find(id) : current();
        requireRunning();
        Verdict verdict = new Verdict();
        out.printf("Checking lab %d: %s%n", number(lab), lab.title());
        String given = answer;
        if (given == null) {
            given = bench(null).savedAnswer(lab.name()).orElse(null);
            if (given != null) {
                out.printf("  (no --answer given: using '%s', which 'lab solution %d --apply' found)%n", given, number(lab));
            }
        }
        lab.check(new LabBench(supervisor, given, reveal, out), verdict);
        verdict.print(out);
        if (verdict.passed()) {
            progress.passed(lab.name());
        }
        return verdict.passed();
    }

    /** One more hint each time. */
    public void hint(String id) {
        Lab lab = id != null ? find(id) : current();
        List<String> hints = lab.hints();
        int shown = progress.nextHint(lab.name(), hints.size());
        IntStream.range(0, shown).forEach(i -> out.printf("Hint %d of %d: %s%n", i + 1, hints.size(), hints.get(i)));
        if (shown == hints.size()) {
            out.printf("That is every hint. './playground lab solution %d' shows the answer.%n", number(lab));
        }
    }

    public void solution(String id, boolean apply) {
        Lab lab = id != null ? find(id) : current();
        out.println(lab.solution());
        if (apply) {
            requireRunning();
            out.println();
            out.println("Applying it...");
            lab.applySolution(bench(null));
            out.printf("Applied. Check it: ./playground lab check %d%n", number(lab));
        }
    }

    /** Back to a clean stack: fresh data, packaged settings, no planted defect. Progress is kept. */
    public void reset() {
        Instant started = Instant.now();
        prepare(java.util.Map.of(), List.of());
        out.printf("Clean stack after %d s: fresh data, packaged settings, no planted defect.%n",
                Duration.between(started, Instant.now()).toSeconds());
    }

    /**
     * Starts whatever is down, then cycles the services (and opt-in apps) and every app whose settings change: while
     * they are stopped, every lab's planted defect comes out, these settings and plants go in, what
     * changed is rebuilt, and the services' data is deleted.
     */
    private void prepare(java.util.Map<String, java.util.Map<String, String>> settings, List<CodePlant> plants) {
        // No auto-scaling rule either (up --autoscale): a step under way finishes before this 'up' changes the stack.
        supervisor.autoscale(List.of());
        SlowBurst.awaitIdle(supervisor);
        supervisor.up(LabBench.READY);
        LabBench bench = bench(null);
        Set<String> modules = new LinkedHashSet<>();
        // The opt-in apps too (the monolith): their H2 files sit beside the services' and are deleted with them.
        supervisor.stack().components().stream().filter(c -> c.kind().keepsData())
                .map(Component::module).forEach(modules::add);
        modules.addAll(appsWithSettings());
        modules.addAll(settings.keySet());
        List<CodePlant> everyPlant = ALL.stream().flatMap(lab -> lab.plant().stream()).toList();
        everyPlant.stream().filter(plant -> plant.isPlanted(bench.home())).map(CodePlant::module).forEach(modules::add);
        plants.stream().map(CodePlant::module).forEach(modules::add);
        List<String> names = new ArrayList<>();
        modules.forEach(module -> names.addAll(bench.instancesOf(module)));
        supervisor.cycle(names, () -> {
            Set<String> rebuild = new LinkedHashSet<>();
            everyPlant.stream().filter(plant -> !plants.contains(plant) && plant.isPlanted(bench.home()))
                    .filter(plant -> plant.unplant(bench.home()))
                    .forEach(plant -> rebuild.add(plant.module()));
            plants.stream().filter(plant -> plant.plant(bench.home())).forEach(plant -> rebuild.add(plant.module()));
            bench.build(List.copyOf(rebuild));
            replaceSettings(settings);
            supervisor.deleteData();
        }, LabBench.READY);
    }

    /** The apps whose settings differ from their packaged ones now. */
    private List<String> appsWithSettings() {
        Configuration configuration = supervisor.configuration();
        return configuration.apps().stream().filter(app -> !configuration.overlay(app).isEmpty()).toList();
    }

    /** Every app back on its packaged settings, then these written (the apps are stopped: files only). */
    private void replaceSettings(java.util.Map<String, java.util.Map<String, String>> settings) {
        Configuration configuration = supervisor.configuration();
        appsWithSettings().forEach(configuration::reset);
        settings.forEach(configuration::set);
    }

    private Lab current() {
        if (progress.current() == null) {
            throw new PlaygroundException("No lab in progress. Start one with './playground lab start N', or name it.",
                    PlaygroundException.USAGE);
        }
        return find(progress.current());
    }

    private void requireRunning() {
        if (supervisor.runningServices().isEmpty()) {
            throw new PlaygroundException("The playground is not running. './playground lab start N' starts it in the"
                    + " lab's starting state.", PlaygroundException.FAILED);
        }
    }

    private LabBench bench(String answer) {
        return new LabBench(supervisor, answer, out);
    }
}
