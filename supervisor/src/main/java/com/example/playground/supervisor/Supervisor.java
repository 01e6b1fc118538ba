package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the playground's processes (a Kafka broker, Zipkin, Eureka, the services, the gateway and
 * the control room), each its own JVM bound to 127.0.0.1, watches them, and stops them. This class
 * says what {@code up}, {@code down}, {@code kill} and the rest do, in order; each step is a unit of
 * its own: {@link Preflight}, {@link ClassDataSharing}, {@link Processes} (with {@link CommandLines}
 * and {@link Pids}), {@link Readiness}, {@link RememberedSettings}, {@link Management} for the
 * services' management ports, and {@link Configuration} for settings changed at run time. Everything
 * it keeps lives in one {@link StateFolder}.
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

    /**
     * Starts whatever is not running and returns once every process is healthy, registered and
     * routable; false if everything ran already.
     */
    public boolean up(Duration timeout) {
        Instant started = Instant.now();
        preflight.checkBuilt(stack.components());
        List<Component> toStart = stack.components().stream().filter(c -> pids.of(c).isEmpty()).toList();
        if (toStart.isEmpty()) {
            return false;
        }
        preflight.checkPortsFree(toStart);
        preflight.checkDatabase();
        state.createFolders();
        remembered.remember(stack, commands.postgresUrl());
        cds.train(springApps(toStart), commands::jarOf, commands::trainingArgs, out);
        List<Component> launched = new ArrayList<>();
        try {
            // All at once: the services' JVMs warm up while the broker starts, and each service's
            // Kafka admin client waits for the broker before it creates the topics.
            for (Component c : toStart) {
                processes.launch(c);
                launched.add(c);
            }
            readiness.await(stack.components(), started, started.plus(timeout));
        } catch (RuntimeException e) {
            out.println();
            out.println("Stopping what this start launched...");
            processes.stop(launched);
            throw e;
        }
        return true;
    }

    /** Stops every process of ours: the services first, the broker last, so they leave cleanly. */
    public void down() {
        List<Component> running = stack.components().stream().filter(c -> pids.of(c).isPresent()).toList();
        if (running.isEmpty()) {
            out.println("Nothing is running.");
        }
        processes.stop(running);
        stack.components().forEach(pids::forget);
        remembered.forget();
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
        processes.launch(c);
        readiness.await(List.of(c), started, started.plus(timeout));
        out.printf("%s is back after %.1f s.%n", name, Readiness.seconds(Duration.between(started, Instant.now())));
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

    private static List<Component> springApps(List<Component> components) {
        return components.stream().filter(c -> c.kind().isSpringApp()).toList();
    }
}
