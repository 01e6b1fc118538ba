package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the playground's processes (a Kafka broker, Zipkin, Eureka, the services, the gateway and
 * the control room), each its own JVM bound to 127.0.0.1, watches them, and stops them. This class
 * says what {@code up}, {@code down}, {@code kill} and the rest do, in order; each step is a unit of
 * its own: {@link Preflight}, {@link ClassDataSharing}, {@link Processes} (with {@link CommandLines}
 * and {@link Pids}), {@link Readiness}, {@link RememberedSettings}, {@link Management} for the
 * services' management ports, and {@link Configuration} for settings changed at run time. Everything
 * it keeps lives in one {@link StateFolder}.
 *
 * <p>About 380 lines on purpose: it is the one place that reads as the steps of every command
 * in order; each step's work is already a unit of its own, and splitting the list would scatter it.
 */
public class Supervisor {

    private final StateFolder state;
    private final Stack stack;
    private final PrintStream out;
    private final Pids pids;
    private final CommandLines commands;
    private final ClassDataSharing cds;
    private final Processes processes;
    private final Readiness readiness;
    private final Preflight preflight;
    private final RememberedSettings remembered;
    private final Management management;
    private final Configuration configuration;

    public Supervisor(Path home, Path state, Stack stack, PrintStream out) {
        this.state = new StateFolder(home, state);
        this.stack = stack;
        this.out = out;
        this.pids = new Pids(this.state);
        this.cds = new ClassDataSharing(this.state);
        this.commands = new CommandLines(this.state, stack, pids, cds);
        this.processes = new Processes(this.state, pids, commands::of, out);
        this.readiness = new Readiness(this.state, stack, pids, out);
        this.preflight = new Preflight(this.state, commands);
        this.remembered = new RememberedSettings(this.state);
        this.management = new Management(stack, c -> pids.of(c).isPresent(), out);
        this.configuration = new Configuration(this.state, stack, c -> pids.of(c).isPresent(),
                c -> restart(c.name(), Configuration.RESTART_TIMEOUT), commands::commandLineKeys);
    }

    public Stack stack() {
        return stack;
    }

    public StateFolder state() {
        return state;
    }

    /** The services' management ports: faults and switches, dead letters, breakers, metrics. */
    public Management management() {
        return management;
    }

    /** The strangler fig's shares of traffic, changed live in the gateway. */
    public Strangler strangler() {
        return new Strangler(stack, configuration, c -> pids.of(c).isPresent());
    }

    /** The canary release's share of inventory reads, changed live in the gateway after a smoke test. */
    public Canary canary() {
        return new Canary(stack, strangler(), c -> pids.of(c).isPresent());
    }

    /** Settings of the Spring apps changed at run time: the overlay in the state folder, applied live or by a restart. */
    public Configuration configuration() {
        return configuration;
    }

    /**
     * Adds Spring arguments (e.g. {@code --playground.saga.step-timeout=15s}) to every service started from
     * now on. They win over the settings overlay, so {@link #configuration()} can no longer change them.
     */
    public Supervisor withServiceArgs(String... args) {
        commands.addServiceArgs(List.of(args));
        return this;
    }

    /**
     * Runs the services on PostgreSQL (the postgres profile, a schema per service in the database
     * the URL names) instead of their H2 files; null for H2.
     */
    public Supervisor withPostgres(String jdbcUrl) {
        commands.usePostgres(jdbcUrl);
        return this;
    }

    /** Starts every JVM lean (the default) or fast ({@code up --jvm}). */
    public Supervisor withJvm(JvmMode mode) {
        commands.useJvm(mode);
        return this;
    }

    public JvmMode jvm() {
        return commands.jvm();
    }

    /** Whether the services keep their data on PostgreSQL ({@code up --db postgres}) rather than in H2 files. */
    public boolean onPostgres() {
        return commands.postgresUrl() != null;
    }

    /**
     * Makes the running stack this one: stops the instances it no longer has (a service scaled down),
     * starts whatever is not running (a fresh start, a crashed process, a service scaled out), and
     * returns once every process is healthy, registered and routable; false if nothing changed.
     */
    public boolean up(Duration timeout) {
        // One at a time: the control room's autoscaler steps with up too (UpLock).
        try (UpLock lock = UpLock.take(state.run().resolve("up.lock"), timeout, out)) {
            return upLocked(timeout);
        }
    }

    private boolean upLocked(Duration timeout) {
        Instant started = Instant.now();
        preflight.checkBuilt(stack.components());
        Map<String, Integer> before = remembered.instances();
        // A running process whose command line names an opt-in one that joins or leaves (payment-service
        // and its sidecar) restarts, wired anew.
        List<Component> rewired = stack.rewiredSince(before).stream().filter(c -> pids.of(c).isPresent()).toList();
        List<Component> toStart = stack.components().stream()
                .filter(c -> pids.of(c).isEmpty() || rewired.contains(c)).toList();
        List<Component> toStop = new ArrayList<>(runningInstancesBeyond());
        boolean rescaled = !before.equals(stack.instances());
        if (toStart.isEmpty() && toStop.isEmpty() && !rescaled) {
            return false;
        }
        if (!toStart.isEmpty()) {
            preflight.checkPortsFree(toStart.stream().filter(c -> !rewired.contains(c)).toList());
            preflight.checkDatabase();
        }
        state.createFolders();
        toStop.addAll(rewired);
        processes.stop(toStop);
        stack.instancesBeyond().forEach(pids::forget);
        remembered.remember(stack, commands.postgresUrl(), commands.jvm());
        if (toStart.isEmpty()) {
            return true;
        }
        cds.train(springApps(toStart), commands::jarOf, commands::trainingArgs, out);
        removeStaleDatabaseLocks(toStart);
        // The timeout counts from the launch, as in cycle(): a first class-data training can take
        // minutes on a busy machine and says nothing about the processes.
        Instant deadline = Instant.now().plus(timeout);
        List<Component> launched = new ArrayList<>();
        try {
            // All at once: the services' JVMs warm up while the broker starts, and each service's
            // Kafka admin client waits for the broker before it creates the topics.
            for (Component c : toStart) {
                processes.launch(c);
                launched.add(c);
            }
            readiness.await(stack.components(), started, deadline);
        } catch (RuntimeException e) {
            out.println();
            out.println("Stopping what this start launched...");
            processes.stop(launched);
            // Later commands must not look for instances that did not start (a failed scale-out).
            remembered.remember(stack.withInstances(before), commands.postgresUrl(), commands.jvm());
            throw e;
        }
        return true;
    }

    /** Stops every process of ours: the services first, the broker last, so they leave cleanly. */
    public void down() {
        List<Component> running = new ArrayList<>(runningInstancesBeyond());
        stack.components().stream().filter(c -> pids.of(c).isPresent()).forEach(running::add);
        if (running.isEmpty()) {
            out.println("Nothing is running.");
        }
        processes.stop(running);
        stack.components().forEach(pids::forget);
        remembered.forget();
    }

    /**
     * The same playground (state, ports, database, service settings) with this many instances of a
     * service; its {@link #up} scales the running stack to it. For a scenario that needs two.
     */
    public Supervisor scaled(String service, int instances) {
        Map<String, Integer> counts = new LinkedHashMap<>(stack.instances());
        counts.put(service, instances);
        Supervisor scaled = new Supervisor(state.home(), state.root(), stack.withInstances(counts), out);
        scaled.commands.sameSettingsAs(commands);
        return scaled;
    }

    /**
     * The auto-scaling rules the control room's autoscaler follows from now on ({@code up --autoscale});
     * none to stop it. Remembered until {@code down}, as the instance counts are.
     */
    public void autoscale(List<AutoscaleRule> rules) {
        remembered.rememberAutoscale(rules);
    }

    public List<AutoscaleRule> autoscaleRules() {
        return remembered.autoscale();
    }

    /** SIGKILL, no goodbye: what a crash looks like to the rest of the system. */
    public void kill(String name) {
        ProcessHandle process = processes.kill(stack.component(name));
        out.printf("Killed %s (pid %d) with SIGKILL.%n", name, process.pid());
    }

    /** Stops the process if it runs, starts it again, and waits until it is ready. */
    public void restart(String name, Duration timeout) {
        Component c = stack.component(name);
        Instant started = Instant.now();
        preflight.checkBuilt(stack.components());
        processes.stop(List.of(c));
        preflight.checkPortsFree(List.of(c));
        state.createFolders();
        cds.train(springApps(List.of(c)), commands::jarOf, commands::trainingArgs, out);
        removeStaleDatabaseLocks(List.of(c));
        processes.launch(c);
        readiness.await(List.of(c), started, started.plus(timeout));
        out.printf("%s is back after %.1f s.%n", name, Readiness.seconds(Duration.between(started, Instant.now())));
    }

    /**
     * Stops the named processes together, runs {@code whileStopped} (delete their data, change their
     * settings or their code), and starts them again together; returns once all are ready. What
     * {@code reset} and the labs use: one restart of the few processes that change, not the stack.
     */
    public void cycle(List<String> names, Runnable whileStopped, Duration timeout) {
        List<Component> cycled = names.stream().map(stack::component).toList();
        preflight.checkBuilt(cycled);
        processes.stop(cycled.stream().filter(c -> pids.of(c).isPresent()).toList());
        whileStopped.run();
        preflight.checkPortsFree(cycled);
        state.createFolders();
        cds.train(springApps(cycled), commands::jarOf, commands::trainingArgs, out);
        // The time to get ready counts from the launch: a rebuild or a class-data training before it
        // can take minutes on a busy machine and says nothing about the processes.
        Instant started = Instant.now();
        cycled.forEach(processes::launch);
        readiness.await(cycled, started, started.plus(timeout));
    }

    /**
     * Fresh seed data: the services stop, their databases go, and they start again and migrate and
     * seed from scratch. The build, the class-data archives, Kafka, Zipkin, Eureka and the gateway
     * stay as they are. Messages already consumed stay consumed (the groups' offsets live in Kafka).
     */
    public void resetData(Duration timeout) {
        Instant started = Instant.now();
        // The opt-in apps too (the monolith): their H2 files sit beside the services' and go with them.
        List<String> services = stack.components().stream().filter(c -> c.kind().keepsData())
                .map(Component::name).toList();
        cycle(services, this::deleteData, timeout);
        out.printf("Fresh data in every service after %.1f s.%n", Readiness.seconds(Duration.between(started, Instant.now())));
    }

    /**
     * Every service's data deleted (they must be stopped): their H2 files, or on PostgreSQL their schemas
     * ({@link PostgresData}). They migrate and seed afresh at their next start.
     */
    public void deleteData() {
        state.deleteData();
        if (commands.postgresUrl() != null) {
            PostgresData.drop(commands.postgresUrl(), stack.components().stream().map(Component::module).toList());
        }
    }

    /** Stops one process cleanly (SIGTERM, then waits), e.g. the Kafka broker for an outage. */
    public void stop(String name) {
        Component c = stack.component(name);
        if (pids.of(c).isEmpty()) {
            throw new PlaygroundException(name + " is not running.", PlaygroundException.FAILED);
        }
        Instant started = Instant.now();
        processes.stop(List.of(c));
        out.printf("Stopped %s after %.1f s.%n", name, Readiness.seconds(Duration.between(started, Instant.now())));
    }

    /** Starts one process that is not running and waits until it is ready. */
    public void start(String name, Duration timeout) {
        if (pids.of(stack.component(name)).isPresent()) {
            out.println(name + " is already running.");
            return;
        }
        restart(name, timeout);
    }

    public record Status(Component component, Long pid, String health) {

        public boolean up() {
            return pid != null;
        }
    }

    /** Every process: whether it runs, its pid, and its health by its own account. */
    public List<Status> status() {
        return stack.components().stream()
                .map(c -> {
                    Optional<ProcessHandle> process = pids.of(c);
                    return new Status(c, process.map(ProcessHandle::pid).orElse(null),
                            process.isPresent() ? readiness.health(c) : "-");
                })
                .toList();
    }

    /** The processes that run now, by name (for what they cost: CPU time, memory). */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        stack.components().forEach(c -> pids.of(c).ifPresent(process -> running.put(c.name(), process)));
        return running;
    }

    /** Whether this process runs now (by its pid file and command line), without asking it anything. */
    public boolean isRunning(String name) {
        return pids.of(stack.component(name)).isPresent();
    }

    /** The services that run now. */
    public List<String> runningServices() {
        return stack.components().stream().filter(c -> c.kind() == Kind.SERVICE && pids.of(c).isPresent())
                .map(Component::name).toList();
    }

    /** Whether Eureka lists this process now (by its instance id, {@code name:port}). */
    public boolean registered(String name) {
        return Readiness.listed(readiness.registry(), stack.component(name));
    }

    public Path logOf(String name) {
        return state.logOf(stack.component(name).name());
    }

    /** The last lines of a component's log. */
    public String tail(String name, int lines) {
        return state.tail(stack.component(name).name(), lines);
    }

    /**
     * Removes the H2 lock file of each service about to start of which no instance runs. H2's mixed
     * mode keeps that file beside the database while it is open, and a crashed process (a kill)
     * leaves it behind: the next process to open the database then waits ~4 s to be sure its owner
     * is gone. With no instance running it is stale; the database file itself is locked by the
     * operating system while any process has it open, so this never lets two writers in.
     */
    private void removeStaleDatabaseLocks(List<Component> starting) {
        if (commands.postgresUrl() != null) {
            return;
        }
        List<Component> everyInstance = new ArrayList<>(stack.components());
        everyInstance.addAll(stack.instancesBeyond());
        starting.stream().filter(c -> c.kind() == Kind.SERVICE).map(Component::module).distinct()
                .filter(module -> everyInstance.stream()
                        .noneMatch(c -> c.module().equals(module) && pids.of(c).isPresent()))
                .forEach(state::removeDatabaseLock);
    }

    /** Instances of ours that run but that this stack does not have: left from a larger stack. */
    private List<Component> runningInstancesBeyond() {
        return stack.instancesBeyond().stream().filter(c -> pids.of(c).isPresent()).toList();
    }

    private static List<Component> springApps(List<Component> components) {
        return components.stream().filter(c -> c.kind().isSpringApp()).toList();
    }
}
