package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the playground's processes (a Kafka broker, Zipkin, Eureka, the services and the gateway),
 * each its own JVM bound to 127.0.0.1, watches them, and stops them. Everything it keeps (data,
 * logs, pid files, the broker's config) lives in one state folder, so a restart finds its data.
 *
 * <p>A process is "ours" only if its command line carries our marker for this state folder, so a
 * stale pid file never makes us signal a stranger.
 */
public class Supervisor {

    /** Lean flags for small JVMs that start fast: C1 only, small stacks, the serial collector. */
    static final List<String> LEAN_JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m",
            "-XX:MaxMetaspaceSize=192m");

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final Path home;
    private final Path state;
    private final Stack stack;
    private final PrintStream out;
    private final ClassDataSharing cds;
    /** Extra program arguments for every domain service (settings a test or a scenario wants changed). */
    private final List<String> serviceArgs = new ArrayList<>();
    /** The PostgreSQL the services use (JDBC URL), or null for their own H2 files (the default). */
    private String postgresUrl;
    /** Processes this supervisor launched itself: their handles say whether they still run, marker or not. */
    private final Map<Component, ProcessHandle> launchedHere = new java.util.concurrent.ConcurrentHashMap<>();

    public Supervisor(Path home, Path state, Stack stack, PrintStream out) {
        this.home = home.toAbsolutePath().normalize();
        this.state = state.toAbsolutePath().normalize();
        this.stack = stack;
        this.out = out;
        this.cds = new ClassDataSharing(this.state);
    }

    public Stack stack() {
        return stack;
    }

    /** Adds Spring arguments (e.g. {@code --playground.saga.step-timeout=15s}) to every service started from now on. */
    public Supervisor withServiceArgs(String... args) {
        serviceArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Runs the services on PostgreSQL (the postgres profile, a schema per service in the database
     * the URL names) instead of their H2 files; null for H2.
     */
    public Supervisor withPostgres(String jdbcUrl) {
        this.postgresUrl = jdbcUrl;
        return this;
    }

    public Path logOf(String name) {
        return state.resolve("logs").resolve(name + ".log");
    }

    // ---------------------------------------------------------------- up

    /** Starts whatever is not running and returns once every process is healthy, registered and routable. */
    public void up(Duration timeout) {
        Instant started = Instant.now();
        checkBuilt();
        List<Component> toStart = stack.components().stream().filter(c -> pidOf(c).isEmpty()).toList();
        if (toStart.isEmpty()) {
            out.println("The playground is already up.");
            printTable(Duration.ZERO);
            return;
        }
        checkPortsFree(toStart);
        checkDatabase();
        createFolders();
        rememberSettings();
        trainClassDataSharing(toStart);
        List<Component> launched = new ArrayList<>();
        try {
            // All at once: the services' JVMs warm up while the broker starts, and each service's
            // Kafka admin client waits for the broker before it creates the topics.
            for (Component c : toStart) {
                launch(c);
                launched.add(c);
            }
            awaitReady(stack.components(), started, started.plus(timeout));
        } catch (RuntimeException e) {
            out.println();
            out.println("Stopping what this start launched...");
            stop(launched);
            throw e;
        }
        printTable(Duration.between(started, Instant.now()));
    }

    // ---------------------------------------------------------------- down, kill, restart

    /** Stops every process of ours: the services first, the broker last, so they leave cleanly. */
    public void down() {
        List<Component> running = stack.components().stream().filter(c -> pidOf(c).isPresent()).toList();
        if (running.isEmpty()) {
            out.println("Nothing is running.");
        }
        stop(running);
        stack.components().forEach(c -> deletePidFile(c));
        try {
            Files.deleteIfExists(instancesFile(state));
            Files.deleteIfExists(databaseFile(state));
        } catch (IOException e) {
            // Only remembered settings; the next 'up' writes them again.
        }
    }

    /** Where the instance counts of the running stack are kept, so later commands see every instance. */
    public static Path instancesFile(Path state) {
        return state.resolve("run").resolve("instances");
    }

    /** The instance counts a running stack was started with ({@code inventory-service=2}), if any. */
    public static Map<String, Integer> rememberedInstances(Path state) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            if (Files.exists(instancesFile(state))) {
                for (String line : Files.readAllLines(instancesFile(state))) {
                    String[] parts = line.split("=");
                    if (parts.length == 2) {
                        counts.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return counts;
    }

    /** Where the database choice of the running stack is kept (the PostgreSQL URL; absent for H2). */
    public static Path databaseFile(Path state) {
        return state.resolve("run").resolve("database");
    }

    /** The PostgreSQL URL the running stack was started with, or null when it runs on H2. */
    public static String rememberedPostgres(Path state) {
        try {
            return Files.exists(databaseFile(state)) ? Files.readString(databaseFile(state)).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void checkDatabase() {
        if (postgresUrl == null) {
            return;
        }
        if (!postgresUrl.startsWith("jdbc:postgresql://")) {
            throw new PlaygroundException("--db-url takes a JDBC URL like jdbc:postgresql://127.0.0.1:5432/postgres, not '"
                    + postgresUrl + "'.", PlaygroundException.USAGE);
        }
        URI uri = URI.create(postgresUrl.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 2000);
        } catch (IOException e) {
            throw new PlaygroundException("No PostgreSQL answers at %s:%d (%s). Start it, or point --db-url at one."
                    .formatted(uri.getHost(), port, postgresUrl), PlaygroundException.FAILED);
        }
    }

    /** Writes down what later commands must know of the running stack: its instances and its database. */
    private void rememberSettings() {
        try {
            if (postgresUrl == null) {
                Files.deleteIfExists(databaseFile(state));
            } else {
                Files.writeString(databaseFile(state), postgresUrl);
            }
            List<String> lines = stack.instances().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            if (lines.isEmpty()) {
                Files.deleteIfExists(instancesFile(state));
            } else {
                Files.write(instancesFile(state), lines);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + instancesFile(state) + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    /** SIGKILL, no goodbye: what a crash looks like to the rest of the system. */
    public void kill(String name) {
        Component c = stack.component(name);
        ProcessHandle process = pidOf(c).orElseThrow(() -> new PlaygroundException(name + " is not running.",
                PlaygroundException.FAILED));
        process.destroyForcibly();
        waitForExit(process, Duration.ofSeconds(10));
        out.printf("Killed %s (pid %d) with SIGKILL.%n", name, process.pid());
    }

    /** Stops the process if it runs, starts it again, and waits until it is ready. */
    public void restart(String name, Duration timeout) {
        Component c = stack.component(name);
        Instant started = Instant.now();
        checkBuilt();
        pidOf(c).ifPresent(process -> stop(List.of(c)));
        checkPortsFree(List.of(c));
        createFolders();
        trainClassDataSharing(List.of(c));
        launch(c);
        awaitReady(List.of(c), started, started.plus(timeout));
        out.printf("%s is back after %.1f s.%n", name, seconds(Duration.between(started, Instant.now())));
    }

    /** Stops one process cleanly (SIGTERM, then waits), e.g. the Kafka broker for an outage. */
    public void stop(String name) {
        Component c = stack.component(name);
        if (pidOf(c).isEmpty()) {
            throw new PlaygroundException(name + " is not running.", PlaygroundException.FAILED);
        }
        Instant started = Instant.now();
        stop(List.of(c));
        deletePidFile(c);
        out.printf("Stopped %s after %.1f s.%n", name, seconds(Duration.between(started, Instant.now())));
    }

    /** Starts one process that is not running and waits until it is ready. */
    public void start(String name, Duration timeout) {
        Component c = stack.component(name);
        if (pidOf(c).isPresent()) {
            out.println(name + " is already running.");
            return;
        }
        restart(name, timeout);
    }

    // ---------------------------------------------------------------- switches

    /** The switches of a service (faults and anti-patterns) as its management port lists them. */
    public String switches(String name) {
        return management(name, "/actuator/switches");
    }

    /** What a service parked on its dead-letter topics: counts, and the latest with their errors. */
    public String deadLetters(String name) {
        return management(name, "/actuator/deadletters");
    }

    /** The services that run now. */
    public List<String> runningServices() {
        return stack.components().stream().filter(c -> c.kind() == Kind.SERVICE && pidOf(c).isPresent())
                .map(Component::name).toList();
    }

    /** Turns a switch of a service on or off through its management port. */
    public void setSwitch(String name, String id, boolean enabled) {
        Component c = runningService(name);
        Probe.Answer answer = Probe.post(url(c.managementPort(), "/actuator/switches/" + id),
                "{\"enabled\": " + enabled + "}");
        if (!answer.ok()) {
            throw new PlaygroundException("%s refused switch '%s' (HTTP %d): %s".formatted(name, id, answer.status(),
                    answer.body()), answer.status() == 400 ? PlaygroundException.USAGE : PlaygroundException.FAILED);
        }
        out.printf("%s: %s is %s.%n", name, id, enabled ? "ON" : "off");
    }

    // ---------------------------------------------------------------- faults

    /** A fault to set: which target, and how it breaks. {@code latency} is "MS" or "MIN-MAX", or null. */
    public record FaultRequest(String target, String latency, Double errorRate, boolean hang) {
    }

    /** Breaks one target of a running service (see {@code /actuator/faults} for its targets). */
    public void breakService(String name, FaultRequest fault) {
        Component c = runningService(name);
        StringBuilder body = new StringBuilder("{\"hang\": ").append(fault.hang());
        if (fault.latency() != null) {
            body.append(", \"latency\": \"").append(fault.latency()).append('"');
        }
        if (fault.errorRate() != null) {
            body.append(", \"errorRate\": ").append(fault.errorRate());
        }
        body.append('}');
        Probe.Answer answer = Probe.post(url(c.managementPort(), "/actuator/faults/" + fault.target()), body.toString());
        if (!answer.ok()) {
            throw new PlaygroundException("%s refused the fault at '%s' (HTTP %d): %s".formatted(name, fault.target(),
                    answer.status(), answer.body()),
                    answer.status() == 400 ? PlaygroundException.USAGE : PlaygroundException.FAILED);
        }
        out.printf("%s: %s is broken: %s%n", name, fault.target(), answer.body());
    }

    /** Heals every fault of a running service. */
    public void heal(String name) {
        Component c = runningService(name);
        Probe.Answer answer = Probe.delete(url(c.managementPort(), "/actuator/faults"));
        if (!answer.ok()) {
            throw new PlaygroundException(name + " did not heal (HTTP " + answer.status() + ").",
                    PlaygroundException.FAILED);
        }
        out.printf("%s: every fault healed.%n", name);
    }

    /** Whether Eureka lists this process now (by its instance id, {@code name:port}). */
    public boolean registered(String name) {
        return Probe.get(url(stack.eurekaPort(), "/eureka/apps")).body()
                .contains("\"" + stack.component(name).registryId() + "\"");
    }

    /** GET on a running service's management port (actuator), for scenarios; the body, or a failure. */
    public String management(String name, String path) {
        Component c = runningService(name);
        Probe.Answer answer = Probe.get(url(c.managementPort(), path));
        if (!answer.ok()) {
            throw new PlaygroundException("%s did not answer %s (HTTP %d).".formatted(name, path, answer.status()),
                    PlaygroundException.FAILED);
        }
        return answer.body();
    }

    /** A service's fault targets and the faults set on them, as its management port lists them. */
    public String faults(String name) {
        return management(name, "/actuator/faults");
    }

    private Component runningService(String name) {
        Component c = stack.component(name);
        if (c.kind() != Kind.SERVICE) {
            throw new PlaygroundException(name + " has no switches; the services do: "
                    + String.join(", ", stack.components().stream().filter(x -> x.kind() == Kind.SERVICE)
                            .map(Component::name).toList()), PlaygroundException.USAGE);
        }
        if (pidOf(c).isEmpty()) {
            throw new PlaygroundException(name + " is not running.", PlaygroundException.FAILED);
        }
        return c;
    }

    // ---------------------------------------------------------------- status, logs

    public record Status(Component component, Long pid, String health) {

        public boolean up() {
            return pid != null;
        }
    }

    public List<Status> status() {
        return stack.components().stream()
                .map(c -> {
                    Optional<ProcessHandle> process = pidOf(c);
                    return new Status(c, process.map(ProcessHandle::pid).orElse(null),
                            process.isPresent() ? health(c) : "-");
                })
                .toList();
    }

    public void printStatus() {
        out.printf("%-20s %-5s %-8s %-6s %-6s %s%n", "NAME", "STATE", "PID", "PORT", "MGMT", "HEALTH");
        for (Status s : status()) {
            Component c = s.component();
            out.printf("%-20s %-5s %-8s %-6d %-6s %s%n", c.name(), s.up() ? "up" : "down",
                    s.up() ? s.pid() : "-", c.port(), c.managementPort() == 0 ? "-" : c.managementPort(), s.health());
        }
    }

    /** The health a user would care about: UP, DOWN, or what the process says of itself. */
    String health(Component c) {
        return switch (c.kind()) {
            case KAFKA -> Probe.accepts(c.port()) ? "UP" : "DOWN";
            case ZIPKIN, CONTROL_ROOM -> Probe.get(url(c.port(), "/health")).ok() ? "UP" : "DOWN";
            default -> {
                Probe.Answer answer = Probe.get(url(c.managementPort(), "/actuator/health"));
                Matcher m = HEALTH_STATUS.matcher(answer.body());
                yield answer.status() == 0 ? "DOWN" : m.find() ? m.group(1) : "HTTP " + answer.status();
            }
        };
    }

    // ---------------------------------------------------------------- launching

    private void launch(Component c) {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
            // A session of its own: Ctrl-C on "./playground up" must not take the stack down with it.
            command.add("setsid");
        }
        command.add(javaExecutable());
        command.add("-Dplayground.process=" + marker(c));
        command.add("-Xmx" + c.heap());
        command.addAll(LEAN_JVM_FLAGS);
        command.addAll(switch (c.kind()) {
            case KAFKA -> kafkaCommand();
            case ZIPKIN -> zipkinCommand(c);
            case CONTROL_ROOM -> controlRoomCommand();
            default -> springCommand(c);
        });
        Path log = logOf(c.name());
        try {
            Files.writeString(log, "%n=== %s: starting %s ===%n".formatted(LocalDateTime.now(), c.name()),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command);
            // Fewer glibc malloc arenas: the same work in noticeably less resident memory per JVM.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            Files.writeString(pidFile(c), Long.toString(process.pid()));
            launchedHere.put(c, process.toHandle());
            out.printf("  started %-20s pid %-7d port %d%n", c.name(), process.pid(), c.port());
        } catch (IOException e) {
            throw new PlaygroundException("Could not start " + c.name() + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    private List<String> springCommand(Component c) {
        // The server H2's mixed mode opens for a shared database listens on loopback only.
        List<String> command = new ArrayList<>(List.of("-Dh2.bindAddress=127.0.0.1"));
        command.addAll(runJar(c));
        command.addAll(springArgs(c));
        return command;
    }

    /** "-jar" and the jar: the extracted one with its class-data archive if trained, else the built one. */
    private List<String> runJar(Component c) {
        return cds.archiveFor(c, jarOf(c))
                .map(archive -> List.of("-XX:SharedArchiveFile=" + archive.archive(), "-Xshare:auto",
                        "-jar", archive.jar().toString()))
                .orElse(List.of("-jar", jarOf(c).toString()));
    }

    private void trainClassDataSharing(List<Component> components) {
        List<Component> springApps = components.stream().filter(c -> c.kind().isSpringApp()).toList();
        // A training run stops right after the context refresh: no port is bound, no listener starts.
        // Point it at its own data and at nothing else, so it never touches the running stack.
        List<String> overrides = List.of("--server.port=0", "--management.server.port=0",
                "--playground.data-dir=" + state.resolve("cds/training-data"),
                "--spring.kafka.admin.auto-create=false",
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:9/eureka/");
        cds.train(springApps, this::jarOf, c -> {
            // Spring joins repeated options with commas, so drop each one that is overridden.
            List<String> args = new ArrayList<>(springArgs(c));
            args.removeIf(arg -> overrides.stream().anyMatch(o -> o.startsWith(arg.substring(0, arg.indexOf('=') + 1))));
            // Training runs on H2 even for a PostgreSQL stack: it must not migrate the real schemas.
            args.removeIf(arg -> arg.startsWith("--spring.profiles.active=") || arg.startsWith("--playground.db."));
            args.addAll(overrides);
            return args;
        }, out);
    }

    private Path jarOf(Component c) {
        if (c.kind() == Kind.ZIPKIN) {
            return home.resolve("supervisor/target/zipkin/zipkin-server.jar");
        }
        if (c.kind() == Kind.CONTROL_ROOM) {
            return home.resolve("supervisor/target/supervisor.jar");
        }
        return home.resolve(c.module()).resolve("target").resolve(c.module() + ".jar");
    }

    /** The program arguments that wire a Spring service to this stack's ports. */
    private List<String> springArgs(Component c) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + c.port(),
                "--management.server.port=" + c.managementPort()));
        if (c.kind() != Kind.DISCOVERY) {
            args.addAll(List.of(
                    "--eureka.client.service-url.defaultZone=http://127.0.0.1:" + stack.eurekaPort() + "/eureka/",
                    "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:" + stack.zipkinPort()
                            + "/api/v2/spans"));
        }
        if (c.kind() == Kind.SERVICE) {
            args.addAll(List.of(
                    "--spring.kafka.bootstrap-servers=127.0.0.1:" + stack.kafkaPort(),
                    "--playground.data-dir=" + state.resolve("data")));
            if (postgresUrl != null) {
                args.addAll(List.of("--spring.profiles.active=postgres", "--playground.db.url=" + postgresUrl));
            } else if (stack.instancesOf(c.module()) > 1) {
                // Instances of one service share its database: H2's mixed mode lets a second process in.
                args.add("--playground.h2.shared=TRUE");
            }
            args.addAll(serviceArgs);
        }
        return args;
    }

    /** Zipkin's slim server (HTTP collector, in-memory storage, the UI): fewer classes, faster start. */
    private List<String> zipkinCommand(Component c) {
        int port = c.port();
        return List.of("-jar", jarOf(c).toString(),
                // Zipkin ignores server.address; Armeria's own port settings bind it to loopback.
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols[0]=http",
                // In-memory storage: keep the newest spans only, so its heap stays small.
                "--zipkin.storage.mem.max-spans=20000");
    }

    /** The control room is this jar again, with another main class and the same state folder. */
    private List<String> controlRoomCommand() {
        return List.of("-Dplayground.home=" + home, "-cp", jarOf(stack.component("control-room")).toString(),
                "com.example.playground.controlroom.ControlRoomMain",
                "--state", state.toString(), "--port-offset", Integer.toString(stack.portOffset()));
    }

    private List<String> kafkaCommand() {
        Path config = KafkaBroker.prepare(state, stack.kafkaPort(), this::runKafkaTool);
        return List.of("-Dlog4j2.configurationFile=" + config.resolveSibling("log4j2.properties"),
                "-cp", kafkaClassPath(), "kafka.Kafka", config.toString());
    }

    private void runKafkaTool(List<String> toolArgs) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + state.resolve("kafka/log4j2.properties"), "-cp", kafkaClassPath()));
        command.addAll(toolArgs);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf("kafka").toFile())).start();
            if (process.waitFor() != 0) {
                throw new PlaygroundException("Formatting the Kafka storage failed; read " + relative(logOf("kafka")),
                        PlaygroundException.FAILED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }

    private String kafkaClassPath() {
        return home.resolve("supervisor/target/kafka-lib").toString() + File.separator + "*";
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    // ---------------------------------------------------------------- waiting

    private enum Stage { STARTING, HEALTHY, REGISTERED, READY }

    /** Waits until each component is healthy, registered in Eureka and routable, printing progress. */
    private void awaitReady(List<Component> components, Instant started, Instant deadline) {
        Map<Component, Stage> stages = new LinkedHashMap<>();
        components.forEach(c -> stages.put(c, Stage.STARTING));
        while (stages.containsValue(Stage.STARTING) || stages.containsValue(Stage.HEALTHY)
                || stages.containsValue(Stage.REGISTERED)) {
            String registry = null;
            for (Map.Entry<Component, Stage> entry : stages.entrySet()) {
                Component c = entry.getKey();
                if (entry.getValue() == Stage.READY) {
                    continue;
                }
                if (!isRunning(c)) {
                    throw new PlaygroundException("%s stopped while starting. Read %s:%n%s".formatted(c.name(),
                            relative(logOf(c.name())), tail(c.name(), 15)), PlaygroundException.FAILED);
                }
                Stage stage = entry.getValue();
                if (stage == Stage.STARTING && "UP".equals(health(c))) {
                    stage = Stage.HEALTHY;
                }
                if (stage == Stage.HEALTHY) {
                    if (!c.registersWithEureka()) {
                        stage = Stage.REGISTERED;
                    } else {
                        registry = registry != null ? registry
                                : Probe.get(url(stack.eurekaPort(), "/eureka/apps")).body();
                        if (listedUp(registry, c)) {
                            stage = Stage.REGISTERED;
                        }
                    }
                }
                if (stage == Stage.REGISTERED && (c.routeProbe() == null || routable(c))) {
                    stage = Stage.READY;
                    out.printf("  ready   %-20s after %5.1f s%n", c.name(), seconds(Duration.between(started, Instant.now())));
                }
                entry.setValue(stage);
            }
            if (Instant.now().isAfter(deadline)) {
                List<String> late = stages.entrySet().stream().filter(e -> e.getValue() != Stage.READY)
                        .map(e -> "%s (%s; log %s)".formatted(e.getKey().name(),
                                e.getValue().name().toLowerCase(Locale.ROOT), relative(logOf(e.getKey().name()))))
                        .toList();
                throw new PlaygroundException("Timed out waiting for: " + String.join(", ", late),
                        PlaygroundException.FAILED);
            }
            sleep(POLL);
        }
    }

    /**
     * Eureka lists this instance as UP. Being listed is not enough: a restarted service takes over
     * its predecessor's entry (same id, same port) and is STARTING, then DOWN, until it is ready,
     * while the gateway may still route by the old UP entry to the new process's first answers.
     */
    static boolean listedUp(String registry, Component c) {
        return Pattern.compile("\"instanceId\"\\s*:\\s*\"" + Pattern.quote(c.registryId())
                + "\"[^{}]*?\"status\"\\s*:\\s*\"UP\"").matcher(registry).find();
    }

    /** The service answers through the gateway: a 200, or its own 404 problem for an unknown id. */
    private boolean routable(Component c) {
        Probe.Answer answer = Probe.get(url(stack.gatewayPort(), c.routeProbe()));
        return answer.ok() || (answer.status() == 404 && answer.body().contains("urn:playground:problem:"));
    }

    // ---------------------------------------------------------------- stopping

    private void stop(List<Component> components) {
        List<Component> order = new ArrayList<>(components);
        // Everything but the broker first, then the broker, so services do not spin on a lost connection.
        order.sort((a, b) -> Boolean.compare(a.kind() == Kind.KAFKA, b.kind() == Kind.KAFKA));
        List<Component> first = order.stream().filter(c -> c.kind() != Kind.KAFKA).toList();
        List<Component> last = order.stream().filter(c -> c.kind() == Kind.KAFKA).toList();
        terminate(first);
        terminate(last);
    }

    private void terminate(List<Component> components) {
        Map<Component, ProcessHandle> processes = new LinkedHashMap<>();
        for (Component c : components) {
            pidOf(c).ifPresent(process -> {
                process.destroy();
                processes.put(c, process);
            });
        }
        for (Map.Entry<Component, ProcessHandle> entry : processes.entrySet()) {
            ProcessHandle process = entry.getValue();
            if (!waitForExit(process, Duration.ofSeconds(20))) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(5));
            }
            deletePidFile(entry.getKey());
            out.printf("  stopped %-20s pid %d%n", entry.getKey().name(), process.pid());
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- pid files and checks

    /**
     * Whether a component runs. Right after a launch the new process may not show our marker yet
     * (it is still the JDK's spawn helper for a moment), so a process launched here is judged by
     * its own handle.
     */
    private boolean isRunning(Component c) {
        ProcessHandle launched = launchedHere.get(c);
        if (launched != null && pidFile(c).toFile().exists()) {
            return launched.isAlive();
        }
        return pidOf(c).isPresent();
    }

    /** The live process of a component, if our pid file names one that is still ours. */
    Optional<ProcessHandle> pidOf(Component c) {
        Path file = pidFile(c);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(marker(c)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String marker(Component c) {
        return c.name() + "@" + state;
    }

    private Path pidFile(Component c) {
        return state.resolve("run").resolve(c.name() + ".pid");
    }

    private void deletePidFile(Component c) {
        try {
            Files.deleteIfExists(pidFile(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkBuilt() {
        List<Path> needed = new ArrayList<>();
        for (Component c : stack.components()) {
            if (c.kind() != Kind.KAFKA) {
                needed.add(jarOf(c));
            }
        }
        needed.add(home.resolve("supervisor/target/kafka-lib"));
        List<String> missing = needed.stream().filter(p -> !Files.exists(p)).map(this::relative).toList();
        if (!missing.isEmpty()) {
            throw new PlaygroundException("The playground is not built (missing " + String.join(", ", missing)
                    + "). Build it with: ./mvnw -DskipTests package", PlaygroundException.FAILED);
        }
    }

    private void checkPortsFree(List<Component> components) {
        List<String> taken = new ArrayList<>();
        for (Component c : components) {
            for (int port : c.ports()) {
                if (!Probe.isFree(port)) {
                    taken.add(port + " (" + c.name() + ")");
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new PlaygroundException("Port(s) already in use by another program: " + String.join(", ", taken)
                    + ". Stop that program, or run './playground status' if it is an earlier playground.",
                    PlaygroundException.USAGE);
        }
    }

    private void createFolders() {
        try {
            for (String folder : List.of("data", "logs", "run", "kafka")) {
                Files.createDirectories(state.resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- output

    private void printTable(Duration took) {
        out.println();
        if (!took.isZero()) {
            out.printf("The playground is up (%.1f s).%n%n", seconds(took));
        }
        printStatus();
        out.println();
        out.println("  API (gateway)   http://127.0.0.1:" + stack.gatewayPort() + "/api/...");
        out.println("  Eureka          http://127.0.0.1:" + stack.eurekaPort() + "/");
        out.println("  Zipkin          http://127.0.0.1:" + stack.zipkinPort() + "/zipkin/");
        out.println("  Control room    http://127.0.0.1:" + stack.controlRoomPort() + "/");
        out.println("  Kafka           127.0.0.1:" + stack.kafkaPort());
        out.println("  Logs and data   " + relative(state));
        out.println();
        out.println("Place an order:");
        out.println("  curl -i -X POST http://127.0.0.1:" + stack.gatewayPort()
                + "/api/orders -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"customerId\":\"alice\",\"items\":[{\"sku\":\"book\",\"quantity\":2}]}'");
        out.println("Stop everything: ./playground down");
    }

    /** The last lines of a component's log. */
    public String tail(String name, int lines) {
        Path log = logOf(stack.component(name).name());
        if (!Files.exists(log)) {
            return "(no log yet)";
        }
        try (var file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 256 * 1024);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own tool makes. */
    static String newClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
