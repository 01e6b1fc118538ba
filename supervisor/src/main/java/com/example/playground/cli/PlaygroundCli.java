package com.example.playground.cli;

import com.example.playground.bench.Bench;
import com.example.playground.bench.BenchOptions;
import com.example.playground.chaos.Chaos;
import com.example.playground.lab.Labs;
import com.example.playground.scenario.Scenarios;
import com.example.playground.supervisor.DeadLetterReplay;
import com.example.playground.supervisor.AutoscaleRule;
import com.example.playground.supervisor.Management;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.StateFolder;
import com.example.playground.supervisor.Supervisor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./playground <command>}: the one entry point of a demo. A thin layer over {@link Supervisor}
 * that reads arguments ({@link Arguments}), prints ({@link Printer}), and turns failures into a
 * message and an exit code. Over 300 lines because every command's wiring is here, in one switch
 * that reads top to bottom; what a command does lives in the classes it calls.
 */
public final class PlaygroundCli {

    private static final String USAGE = """
            Usage: ./playground <command>

              up [--timeout SECONDS]   start Kafka, Zipkin, Eureka, the services and the gateway; wait until all are ready
                 [--instances inventory-service=2]   run 1 to 3 instances of a service (ports +10 each); on a
                                       running stack this adds the missing instances, or stops the extras
                 [--set APP:KEY=VALUE]...   a setting written to the app's overlay before it starts (see config)
                 [--db h2|postgres] [--db-url JDBC-URL]   where the services keep their data: their own H2
                                       files (default), or PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/postgres,
                                       user postgres; a schema per service)
                 [--jvm lean|fast]     lean (default): C1 only, small heaps, fast start; fast: C2 and twice the heaps,
                                       for load tests (more memory, a slower first minute)
                 [--with NAME] [--without NAME]   also run an opt-in process, or stop it: monolith,
                                       the whole order flow in one process (/api/monolith/...); payment-sidecar,
                                       HAProxy beside payment-service (needs haproxy installed); inventory-canary,
                                       a second version of inventory-service for 'canary'; on until --without or down
                 [--autoscale SERVICE=MIN..MAX|off]   scale a service on its own, e.g. inventory-service=1..3:
                                       an instance more when its consumer lag stays >= 20 for 5 s, one fewer when it
                                       stays <= 2 for 15 s (the control room does it); on until 'off' or down
              status                   one line per process: up/down, pid, ports, health
              down                     stop everything the playground started
              logs <name> [-f]         the last lines of a process's log (-f: keep following)
              kill <name>              SIGKILL a process, to simulate a crash
              restart <name>           start a process again (stopping it first if it runs) and wait until it is ready
              kafka stop|start         stop the Kafka broker (an outage) and start it again; its data stays
              dead-letters [<service>] what the services parked on their dead-letter topics (count, latest, error)
              dead-letters replay <service> [--topic T]   put the parked messages back on their topics, each once,
                                       refusing those whose order's saga is compensating or has ended
              redeliver <service> --topic T (--last | --offset N) [--partition P]
                                       deliver a message the service consumed once more (same key, value and
                                       message-id), and say whether it was consumed again or skipped as a duplicate
              partitions [<topic>]     each topic's partitions: records, and per consumer group the instance and
                                       thread that read each one, and how far behind (a rebalance shows as '-')
              faults [<service>]       what can be broken in the services (targets, switches) and what is broken now
              break <service> [--target NAME] --KIND [VALUE]...
                                       break one target of a service on purpose (default target: inbound, its
                                       /api endpoints; others: a dependency's name, a topic it reads). Kinds:
                                       --latency MS[-MS], --error-rate 0..1, --hang ('faults' lists them)
              switch <service> [<name> on|off]   a service's switches: the outbox relay paused, the anti-patterns
              heal <service>|--all     every fault of a service (or of all) healed and every switch off
              rebuild <service>        rebuild a read model from its events (order-service: the order history,
                                       replayed from the topics; payment-service: the balances, folded from the
                                       credit ledger), wait until it has caught up, and compare before/after
              strangle [ROUTE PERCENT] the strangler fig: that share of a route's requests to the new services
                                       instead of the legacy app (monolith), live; 0 rolls back; alone: the shares
              canary [PERCENT]         the canary release: smoke-test inventory-canary through the gateway, then give it
                                       that share of inventory reads, live; 0 rolls back (the control room does too,
                                       when over 5%% of its reads of the last 10 s, at least 10, fail); alone: its share
              config set <app> KEY=VALUE...   change settings of a Spring app (a service, gateway, discovery) at run
                                       time: live where a refresh applies them (breakers, retries, bulkheads, time
                                       limiters, log levels), otherwise by restarting that app; no rebuild
              config show <app>        its overlay, and the settings in force (the well-known ones and the overlay's)
              config diff <app>        each overlay setting: packaged value -> overlay value
              config reset <app> [KEY...]|--all   the overlay (or these keys of it) removed: the packaged settings again
              bench [--rate R] [--duration S] [--saga orchestration|choreography|both] [--sampling P] [--smoke]
                                       load from Gatling against the running stack: the gateway's cost on one GET,
                                       then orders at R/s (default 50) for S s (60) per saga style; prints accepted,
                                       refused, latencies, placed -> ended, sagas/s, CPU per saga, memory; reports in
                                       .playground/bench/. For the run: the rate limit lifted, tracing sampled at P
                                       (default 0.1; 1: every request), both put back after. --smoke: a few seconds
              scenario list            the runnable scenarios: each breaks something, measures, and says PASS or FAIL
              scenario run <name>      run one against the running playground (exit 0 only on PASS)
              reset                    fresh seed data in every service (their databases recreated); keeps the
                                       build, the class-data archives, settings, Kafka and Zipkin
              lab list                 the workshop's labs: number, title, level, minutes, done
              lab start N              put the stack in lab N's starting state (fresh data, its settings, a planted
                                       bug) and print its goal; starts the stack if it is down
              lab check [N] [--answer TEXT | --answers FILE] [--reveal]   PASS or FAIL, with what is still wrong
                                       (exit 0 only on PASS); FILE relative to the project's folder; --reveal
                                       shows what the game day's teams have not found
              lab hint N               one more hint each time
              lab solution N [--apply] the answer; --apply puts it in place
              lab reset                back to a clean stack: fresh data, packaged settings, no planted bug
              chaos --seed N           a game day: silently break three things picked by the seed and start the
                                       clock; score with './playground lab check gameday --answers FILE'
              prefetch                 download every dependency and build once (before a workshop, at home)
              help                     this text

            Names: %s
            Data, logs, pid files and settings overlays live in .playground/ (set PLAYGROUND_STATE to move it; set
            PLAYGROUND_PORT_OFFSET=N as well to run a second playground beside the first, every port +N).
            """;

    /** How long a lab or a reset waits for the processes it restarts (a rebuild included). */
    private static final Duration LAB_READY = Duration.ofMinutes(5);

    private PlaygroundCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of(System.getProperty("playground.home", ".")).toAbsolutePath().normalize();
        Path stateDir = Path.of(System.getenv().getOrDefault("PLAYGROUND_STATE", home.resolve(".playground").toString()));
        Arguments arguments = Arguments.of(args);
        try {
            RememberedSettings remembered = new RememberedSettings(new StateFolder(home, stateDir));
            Supervisor supervisor = new Supervisor(home, stateDir, arguments.stack(remembered, portOffset()), out)
                    .withPostgres(arguments.postgres(remembered)).withJvm(arguments.jvm(remembered));
            return new PlaygroundCli.Commands(supervisor, arguments, new Printer(out), out).run();
        } catch (PlaygroundException e) {
            err.println("playground: " + e.getMessage());
            return e.exitCode();
        }
    }

    /**
     * Every port moved by PLAYGROUND_PORT_OFFSET (default 0): a second playground beside the first,
     * e.g. for a developer who runs the system tests while their own playground runs. Use it with
     * its own PLAYGROUND_STATE.
     */
    private static int portOffset() {
        String offset = System.getenv().getOrDefault("PLAYGROUND_PORT_OFFSET", "0");
        try {
            return Integer.parseInt(offset.trim());
        } catch (NumberFormatException e) {
            throw new PlaygroundException("PLAYGROUND_PORT_OFFSET takes a number, not '" + offset + "'.",
                    PlaygroundException.USAGE);
        }
    }

    /** One command, run against one supervisor. */
    private record Commands(Supervisor supervisor, Arguments arguments, Printer printer, PrintStream out) {

        int run() {
            String names = String.join(", ", supervisor.stack().names());
            switch (arguments.command()) {
                case "up" -> up();
                case "status" -> printer.status(supervisor.status());
                case "down" -> supervisor.down();
                case "logs" -> logs(arguments.name(), arguments.has("-f"));
                case "kill" -> supervisor.kill(arguments.name());
                case "restart" -> supervisor.restart(arguments.name(), arguments.timeout());
                case "kafka" -> kafka();
                case "dead-letters", "dlt" -> deadLetters();
                case "redeliver" -> printer.redelivered(arguments.name(),
                        management().redeliver(arguments.name(), arguments.redelivery()));
                case "faults" -> faults();
                case "partitions" -> printer.partitions(partitions(arguments.second()));
                case "break" -> management().breakTarget(arguments.name(),
                        arguments.option("--target") == null ? "inbound" : arguments.option("--target"),
                        arguments.faultSettings());
                case "switch" -> toggle();
                case "rebuild" -> printer.rebuilt(arguments.name(),
                        management().rebuild(arguments.name(), arguments.timeout()));
                case "heal" -> (arguments.has("--all") ? supervisor.runningServices() : List.of(arguments.name()))
                        .forEach(management()::heal);
                case "config" -> new ConfigCommand(supervisor.configuration(), supervisor.state(), out).run(arguments.all());
                case "strangle" -> new StrangleCommand(supervisor.strangler(), out).run(arguments.all());
                case "canary" -> new CanaryCommand(supervisor.canary(), out).run(arguments.all());
                case "scenario" -> {
                    return scenario();
                }
                case "reset" -> supervisor.resetData(LAB_READY);
                case "bench" -> new Bench(supervisor, out).run(BenchOptions.of(arguments.option("--rate"),
                        arguments.option("--duration"), arguments.option("--saga"), arguments.option("--sampling"), arguments.has("--smoke")));
                case "lab" -> {
                    return lab();
                }
                case "chaos" -> new Chaos(supervisor).start(arguments.seed(), out);
                case "help", "--help", "-h" -> out.printf(USAGE, names);
                case "prefetch" -> out.println("The ./playground script does this before Java starts: ./playground prefetch");
                default -> throw new PlaygroundException("Unknown command '" + arguments.command() + "'.%n%n".formatted()
                        + USAGE.formatted(names), PlaygroundException.USAGE);
            }
            return 0;
        }

        private Management management() {
            return supervisor.management();
        }

        private void up() {
            Instant started = Instant.now();
            // Read before anything starts: a malformed rule changes nothing.
            Optional<List<AutoscaleRule>> autoscale = arguments.autoscale();
            ConfigCommand config = new ConfigCommand(supervisor.configuration(), supervisor.state(), out);
            arguments.sets().forEach((app, settings) -> config.applied(supervisor.configuration().set(app, settings)));
            // In force before the stack changes: 'off' stops the autoscaler before this 'up' runs (a step it takes
            // at the same moment could still race it; docs/decisions.md).
            autoscale.ifPresent(supervisor::autoscale);
            boolean startedSomething = supervisor.up(arguments.timeout());
            printer.up(supervisor, startedSomething ? Duration.between(started, Instant.now()) : Duration.ZERO);
            List<AutoscaleRule> rules = supervisor.autoscaleRules();
            if (!rules.isEmpty()) {
                out.printf("Auto-scaling %s on consumer lag (the control room does it; 'up --autoscale off' stops it).%n",
                        String.join(", ", rules.stream().map(AutoscaleRule::toString).toList()));
            }
            // Settings left by an earlier 'config set' apply again at every start: say so.
            supervisor.configuration().apps().stream().filter(app -> !supervisor.configuration().overlay(app).isEmpty())
                    .forEach(app -> out.printf("Settings beyond the packaged ones for %s: ./playground config diff %s%n",
                            app, app));
        }

        /** The named service, or every running one. */
        private List<String> services() {
            List<String> services = arguments.second() != null && !arguments.second().startsWith("-")
                    ? List.of(arguments.second()) : supervisor.runningServices();
            if (services.isEmpty()) {
                throw new PlaygroundException("No service is running. Start them with './playground up'.",
                        PlaygroundException.FAILED);
            }
            return services;
        }

        private void deadLetters() {
            if (!"replay".equals(arguments.second())) {
                services().forEach(s -> printer.answer(s, management().deadLetters(s)));
                return;
            }
            List<String> words = arguments.all().stream().filter(w -> !w.startsWith("-")).toList();
            String topic = arguments.option("--topic");
            if (words.size() != 3 + (topic == null ? 0 : 1)) {
                throw new PlaygroundException("Usage: ./playground dead-letters replay <service> [--topic T]",
                        PlaygroundException.USAGE);
            }
            new DeadLetterReplay(management(), supervisor.stack(), out).replay(words.get(2), topic);
        }

        private Map<String, Partitions.Topic> partitions(String topic) {
            Map<String, Partitions.Topic> topics = new Partitions().read(supervisor);
            if (topic == null || topics.isEmpty()) {
                return topics;
            }
            if (!topics.containsKey(topic)) {
                throw new PlaygroundException("No service reads a topic '%s'. Topics: %s".formatted(topic,
                        String.join(", ", topics.keySet())), PlaygroundException.USAGE);
            }
            return Map.of(topic, topics.get(topic));
        }

        private void faults() {
            Object any = null;
            for (String service : services()) {
                any = management().faults(service);
                printer.faults(service, any);
            }
            printer.kinds(any);
        }

        private void toggle() {
            List<String> words = arguments.all();
            String service = arguments.name();
            if (words.size() == 2) {
                printer.switches(service, management().faults(service));
                return;
            }
            if (words.size() != 4 || !List.of("on", "off").contains(words.get(3))) {
                throw new PlaygroundException("Usage: ./playground switch <service> <name> on|off", PlaygroundException.USAGE);
            }
            management().setSwitch(service, words.get(2), words.get(3).equals("on"));
        }

        private void kafka() {
            switch (String.valueOf(arguments.second())) {
                case "stop" -> supervisor.stop("kafka");
                case "start" -> supervisor.start("kafka", arguments.timeout());
                default -> throw new PlaygroundException("Usage: ./playground kafka stop|start", PlaygroundException.USAGE);
            }
        }

        private int scenario() {
            List<String> words = arguments.all();
            if (words.size() == 2 && words.get(1).equals("list")) {
                Scenarios.list(out);
                return 0;
            }
            if (words.size() != 3 || !words.get(1).equals("run")) {
                throw new PlaygroundException("Usage: ./playground scenario list | scenario run <name>",
                        PlaygroundException.USAGE);
            }
            return Scenarios.run(words.get(2), supervisor, out) ? 0 : PlaygroundException.FAILED;
        }

        private int lab() {
            Labs labs = new Labs(supervisor, out);
            List<String> words = arguments.all();
            String verb = words.size() > 1 ? words.get(1) : "";
            String lab = words.size() > 2 && !words.get(2).startsWith("-") ? words.get(2) : null;
            switch (verb) {
                case "list" -> labs.list();
                case "start" -> labs.start(required(lab));
                case "check" -> {
                    return labs.check(lab, arguments.answer(supervisor.state().home()), arguments.has("--reveal")) ? 0
                            : PlaygroundException.FAILED;
                }
                case "hint" -> labs.hint(lab);
                case "solution" -> labs.solution(lab, arguments.has("--apply"));
                case "reset" -> labs.reset();
                default -> throw new PlaygroundException(
                        "Usage: ./playground lab list | start N | check [N] | hint N | solution N [--apply] | reset",
                        PlaygroundException.USAGE);
            }
            return 0;
        }

        private static String required(String lab) {
            if (lab == null) {
                throw new PlaygroundException("Which lab? './playground lab list' shows them.", PlaygroundException.USAGE);
            }
            return lab;
        }

        private void logs(String name, boolean follow) {
            out.println(supervisor.tail(name, 100));
            if (follow) {
                supervisor.state().follow(supervisor.logOf(name), out);
            }
        }
    }
}
