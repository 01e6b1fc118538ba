package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What each process of the stack runs: its whole command line, from {@code java} to the last
 * program argument. Every process is a JVM with the flags of the stack's {@link JvmMode}, marked as
 * ours, and wired to this stack's ports; the services also to its database and to any settings a
 * test or scenario wants.
 */
final class CommandLines {

    /** Lean flags for small JVMs that start fast: C1 only, small stacks, the serial collector. */
    static final List<String> LEAN_JVM_FLAGS = JvmMode.LEAN.flags();

    /** The server H2's mixed mode opens for a shared database listens on loopback only (training runs too). */
    static final String H2_ON_LOOPBACK = "-Dh2.bindAddress=127.0.0.1";

    private final StateFolder state;
    private final Stack stack;
    private final Pids pids;
    private final ClassDataSharing cds;
    /** Extra program arguments for every domain service (settings a test or a scenario wants changed). */
    private final List<String> serviceArgs = new ArrayList<>();
    /** The PostgreSQL the services use (JDBC URL), or null for their own H2 files (the default). */
    private String postgresUrl;
    private JvmMode jvm = JvmMode.LEAN;

    CommandLines(StateFolder state, Stack stack, Pids pids, ClassDataSharing cds) {
        this.state = state;
        this.stack = stack;
        this.pids = pids;
        this.cds = cds;
    }

    void addServiceArgs(List<String> args) {
        serviceArgs.addAll(args);
    }

    void usePostgres(String jdbcUrl) {
        this.postgresUrl = jdbcUrl;
    }

    String postgresUrl() {
        return postgresUrl;
    }

    void useJvm(JvmMode mode) {
        this.jvm = mode;
    }

    JvmMode jvm() {
        return jvm;
    }

    /** Takes over another's service arguments and database: the same playground, differently scaled. */
    void sameSettingsAs(CommandLines other) {
        serviceArgs.addAll(other.serviceArgs);
        postgresUrl = other.postgresUrl;
        jvm = other.jvm;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The command that starts the component. */
    List<String> of(Component c) {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
            // A session of its own: Ctrl-C on "./playground up" must not take the stack down with it.
            command.add("setsid");
        }
        if (c.kind() == Kind.SIDECAR) {
            command.addAll(PaymentSidecar.command(state, stack, c, pids.marker(c)));
            return command;
        }
        command.add(javaExecutable());
        command.add(pids.marker(c));
        command.add("-Xmx" + jvm.heap(c.heap()));
        command.addAll(jvm.flags());
        command.addAll(switch (c.kind()) {
            case KAFKA -> KafkaBroker.command(state, stack.kafkaPort());
            case ZIPKIN -> zipkin(c);
            case CONTROL_ROOM -> controlRoom(c);
            default -> spring(c);
        });
        return command;
    }

    /** The jar a component runs (none for Kafka, which runs from a folder of jars; the sidecar runs its configuration). */
    Path jarOf(Component c) {
        return switch (c.kind()) {
            case SIDECAR -> PaymentSidecar.configuration(state);
            case KAFKA -> KafkaBroker.libraries(state);
            case ZIPKIN -> state.home().resolve("supervisor/target/zipkin/zipkin-server.jar");
            case CONTROL_ROOM -> state.home().resolve("supervisor/target/supervisor.jar");
            default -> state.home().resolve(c.module()).resolve("target").resolve(c.module() + ".jar");
        };
    }

    /**
     * The program arguments of a class-data training run: it stops right after the context refresh,
     * binds no port, starts no listener, and points at its own data, so it never touches the
     * running stack. It runs on H2 even for a PostgreSQL stack: it must not migrate the real schemas.
     * Its data sits in the module's archive folder, which every training starts by emptying: a
     * database left by an earlier build could fail its migrations and, with them, the training.
     */
    List<String> trainingArgs(Component c) {
        List<String> overrides = List.of("--server.port=0", "--management.server.port=0",
                "--playground.data-dir=" + state.classData().resolve(c.module()).resolve("training-data"),
                // No overlay: an archive is trained once per jar, whatever settings later starts use.
                "--playground.config-dir=" + state.classData().resolve(c.module()).resolve("no-overlay"),
                "--spring.kafka.admin.auto-create=false",
                // The provider's fixed port (behind a sidecar) may be bound by the running payment-service.
                "--playground.payment.provider.port=0",
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:9/eureka/");
        // Spring joins repeated options with commas, so drop each one that is overridden.
        List<String> args = new ArrayList<>(springArgs(c));
        args.removeIf(arg -> overrides.stream().anyMatch(o -> o.startsWith(arg.substring(0, arg.indexOf('=') + 1))));
        args.removeIf(arg -> arg.startsWith("--spring.profiles.active=") || arg.startsWith("--playground.db."));
        args.addAll(overrides);
        return args;
    }

    private List<String> spring(Component c) {
        List<String> command = new ArrayList<>(List.of(H2_ON_LOOPBACK));
        command.addAll(cds.archiveFor(c, jarOf(c))
                .map(archive -> List.of("-XX:SharedArchiveFile=" + archive.archive(), "-Xshare:auto",
                        "-jar", archive.jar().toString()))
                .orElse(List.of("-jar", jarOf(c).toString())));
        command.addAll(springArgs(c));
        return command;
    }

    /**
     * The settings a Spring app gets on its command line ({@code server.port}, ...): they win over
     * its settings overlay, so the overlay cannot change them.
     */
    List<String> commandLineKeys(Component c) {
        return springArgs(c).stream().filter(arg -> arg.startsWith("--") && arg.contains("="))
                .map(arg -> arg.substring(2, arg.indexOf('='))).toList();
    }

    /** The program arguments that wire a Spring app to this stack's ports, database and settings. */
    private List<String> springArgs(Component c) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + c.port(),
                "--management.server.port=" + c.managementPort(),
                // Where its settings overlay lives (./playground config); it wins over the packaged settings.
                "--playground.config-dir=" + state.config(),
                // Never on a cloud platform, even where KUBERNETES_SERVICE_HOST is set (a CI runner in a
                // pod): there Spring Cloud Kubernetes would switch the kubernetes profile on, Eureka off,
                // and look for the services in that cluster (docs/running-on-kubernetes.md).
                "--spring.main.cloud-platform=none"));
        // Eureka itself too: its peers are the registries of its default zone, 127.0.0.1:8761 unless
        // told, so a playground on other ports (PLAYGROUND_PORT_OFFSET, the system tests) copied every
        // registration into the one on the default ports. Pointed at itself, it has no peers.
        args.add("--eureka.client.service-url.defaultZone=http://127.0.0.1:" + stack.eurekaPort() + "/eureka/");
        if (c.kind() != Kind.DISCOVERY) {
            args.add("--management.tracing.export.zipkin.endpoint=http://127.0.0.1:" + stack.zipkinPort() + "/api/v2/spans");
        }
        if (c.kind() == Kind.SERVICE) {
            args.addAll(List.of(
                    "--spring.kafka.bootstrap-servers=127.0.0.1:" + stack.kafkaPort(),
                    "--playground.data-dir=" + state.data()));
            if (postgresUrl != null) {
                args.addAll(List.of("--spring.profiles.active=postgres", "--playground.db.url=" + postgresUrl));
            } else {
                // Instances of one service share its database: H2's mixed mode lets a second process in.
                // Always on, also for a service that runs once: a running stack can be scaled out
                // ('up --instances') without restarting the first instance (docs/decisions.md).
                args.add("--playground.h2.shared=TRUE");
            }
            args.addAll(serviceArgs);
            args.addAll(PaymentSidecar.serviceArgs(stack, c));
            args.addAll(Canary.serviceArgs(c));
        }
        if (c.kind() == Kind.APP) {
            // Its own H2 file beside the services' (also on a PostgreSQL stack: it shares nothing with them).
            args.add("--playground.data-dir=" + state.data());
        }
        return args;
    }

    /** Zipkin's slim server (HTTP collector, in-memory storage, the UI): fewer classes, faster start. */
    private List<String> zipkin(Component c) {
        return List.of("-jar", jarOf(c).toString(),
                // Zipkin ignores server.address; Armeria's own port settings bind it to loopback.
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + c.port(),
                "--armeria.ports[0].protocols[0]=http",
                // In-memory storage: keep the newest spans only, so its heap stays small.
                "--zipkin.storage.mem.max-spans=20000");
    }

    /** The control room is the supervisor's jar again, with another main class and the same state folder. */
    private List<String> controlRoom(Component c) {
        return List.of("-Dplayground.home=" + state.home(), "-cp", jarOf(c).toString(),
                "com.example.playground.controlroom.ControlRoomMain",
                "--state", state.root().toString(), "--port-offset", Integer.toString(stack.portOffset()));
    }
}
