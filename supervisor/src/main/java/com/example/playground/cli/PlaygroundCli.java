package com.example.playground.cli;

import com.example.playground.scenario.Scenarios;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./playground <command>}: the one entry point of a demo. A thin layer over {@link Supervisor}
 * that reads arguments, prints, and turns failures into a message and an exit code.
 */
public final class PlaygroundCli {

    private static final String USAGE = """
            Usage: ./playground <command>

              up [--timeout SECONDS]   start Kafka, Zipkin, Eureka, the services and the gateway; wait until all are ready
                 [--instances inventory-service=2]   run more than one instance of a service (ports +10 each)
                 [--db h2|postgres] [--db-url JDBC-URL]   where the services keep their data: their own H2
                                       files (default), or PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/postgres,
                                       user postgres; a schema per service)
              status                   one line per process: up/down, pid, ports, health
              down                     stop everything the playground started
              logs <name> [-f]         the last lines of a process's log (-f: keep following)
              kill <name>              SIGKILL a process, to simulate a crash
              restart <name>           start a process again (stopping it first if it runs) and wait until it is ready
              kafka stop|start         stop the Kafka broker (an outage) and start it again; its data stays
              dead-letters [<service>] what the services parked on their dead-letter topics (count, latest, error)
              switch <service>         list a service's switches (faults and anti-patterns)
              switch <service> <id> on|off   turn one on or off, e.g. switch order-service outbox-relay-paused on
              break <service> [--target NAME] [--latency MS[-MS]] [--error-rate 0..1] [--hang]
                                       break one target of a service on purpose (default target: inbound,
                                       its /api endpoints; others: a dependency's name, a topic it reads)
              heal <service>|--all     turn every fault of a service (or of all services) off
              faults [<service>]       the fault targets of the services and what is broken where
              scenario list            the runnable scenarios: each breaks something, measures, and says PASS or FAIL
              scenario run <name>      run one against the running playground (exit 0 only on PASS)
              help                     this text

            Names: %s
            Data, logs and pid files live in .playground/ (set PLAYGROUND_STATE to move it).
            """;

    private PlaygroundCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of(System.getProperty("playground.home", ".")).toAbsolutePath().normalize();
        String stateDir = System.getenv().getOrDefault("PLAYGROUND_STATE", home.resolve(".playground").toString());
        List<String> arguments = List.of(args);
        Supervisor supervisor;
        try {
            supervisor = new Supervisor(home, Path.of(stateDir), stack(arguments, Path.of(stateDir)), out)
                    .withPostgres(postgres(arguments, Path.of(stateDir)));
        } catch (PlaygroundException e) {
            err.println("playground: " + e.getMessage());
            return e.exitCode();
        }
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        try {
            switch (command) {
                case "up" -> supervisor.up(timeout(arguments));
                case "status" -> supervisor.printStatus();
                case "down" -> supervisor.down();
                case "logs" -> logs(supervisor, name(arguments), arguments.contains("-f"), out);
                case "kill" -> supervisor.kill(name(arguments));
                case "restart" -> supervisor.restart(name(arguments), timeout(arguments));
                case "kafka" -> kafka(supervisor, arguments);
                case "switch" -> toggle(supervisor, arguments, out);
                case "dead-letters", "dlt" -> deadLetters(supervisor, arguments, out);
                case "break" -> supervisor.breakService(name(arguments), fault(arguments));
                case "heal" -> heal(supervisor, arguments);
                case "faults" -> faults(supervisor, arguments, out);
                case "scenario" -> {
                    return scenario(supervisor, arguments, out);
                }
                case "help", "--help", "-h" -> out.printf(USAGE, String.join(", ", supervisor.stack().names()));
                default -> throw new PlaygroundException("Unknown command '" + command + "'.%n%n".formatted()
                        + USAGE.formatted(String.join(", ", supervisor.stack().names())), PlaygroundException.USAGE);
            }
            return 0;
        } catch (PlaygroundException e) {
            err.println("playground: " + e.getMessage());
            return e.exitCode();
        }
    }

    /** The stack: with the instance counts asked for by 'up --instances', or those it was started with. */
    static Stack stack(List<String> arguments, Path state) {
        Map<String, Integer> instances = new LinkedHashMap<>(Supervisor.rememberedInstances(state));
        int at = arguments.indexOf("--instances");
        if (at >= 0) {
            if (at + 1 >= arguments.size()) {
                throw new PlaygroundException("--instances takes SERVICE=COUNT[,SERVICE=COUNT], e.g. inventory-service=2.",
                        PlaygroundException.USAGE);
            }
            for (String pair : arguments.get(at + 1).split(",")) {
                String[] parts = pair.split("=");
                try {
                    instances.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new PlaygroundException("--instances takes SERVICE=COUNT, e.g. inventory-service=2, not '"
                            + pair + "'.", PlaygroundException.USAGE);
                }
            }
        }
        return Stack.withPortOffset(0).withInstances(instances);
    }

    /** The PostgreSQL URL asked for by 'up --db postgres', or the one the stack was started with; null for H2. */
    static String postgres(List<String> arguments, Path state) {
        String db = option(arguments, "--db");
        String url = option(arguments, "--db-url");
        if (db == null && url == null) {
            return Supervisor.rememberedPostgres(state);
        }
        if (db != null && !db.equals("h2") && !db.equals("postgres")) {
            throw new PlaygroundException("--db takes h2 or postgres, not '" + db + "'.", PlaygroundException.USAGE);
        }
        if ("h2".equals(db)) {
            return null;
        }
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    private static String name(List<String> arguments) {
        return arguments.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst()
                .orElseThrow(() -> new PlaygroundException("Name a process, e.g. './playground "
                        + arguments.get(0) + " payment-service'.", PlaygroundException.USAGE));
    }

    private static void toggle(Supervisor supervisor, List<String> arguments, PrintStream out) {
        String service = name(arguments);
        if (arguments.size() == 2) {
            out.println(PrettyJson.indent(supervisor.switches(service)));
            return;
        }
        if (arguments.size() != 4 || !List.of("on", "off").contains(arguments.get(3))) {
            throw new PlaygroundException("Usage: ./playground switch <service> <id> on|off", PlaygroundException.USAGE);
        }
        supervisor.setSwitch(service, arguments.get(2), arguments.get(3).equals("on"));
    }

    private static void deadLetters(Supervisor supervisor, List<String> arguments, PrintStream out) {
        perService(supervisor, arguments, out, supervisor::deadLetters);
    }

    /** Prints what each named service (or every running one) answers. */
    private static void perService(Supervisor supervisor, List<String> arguments, PrintStream out,
            java.util.function.Function<String, String> ask) {
        List<String> services = arguments.size() > 1 ? List.of(arguments.get(1)) : supervisor.runningServices();
        if (services.isEmpty()) {
            throw new PlaygroundException("No service is running. Start them with './playground up'.",
                    PlaygroundException.FAILED);
        }
        for (String service : services) {
            out.println(service + ":");
            out.println(PrettyJson.indent(ask.apply(service)).indent(2));
        }
    }

    static Supervisor.FaultRequest fault(List<String> arguments) {
        String target = option(arguments, "--target");
        String latency = option(arguments, "--latency");
        String rate = option(arguments, "--error-rate");
        boolean hang = arguments.contains("--hang");
        if (latency == null && rate == null && !hang) {
            throw new PlaygroundException("Say how to break it: --latency MS[-MS], --error-rate 0..1 or --hang.",
                    PlaygroundException.USAGE);
        }
        Double errorRate;
        try {
            errorRate = rate == null ? null : Double.valueOf(rate);
        } catch (NumberFormatException e) {
            throw new PlaygroundException("--error-rate takes a number from 0 to 1.", PlaygroundException.USAGE);
        }
        return new Supervisor.FaultRequest(target == null ? "inbound" : target, latency, errorRate, hang);
    }

    private static String option(List<String> arguments, String name) {
        int at = arguments.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= arguments.size() || arguments.get(at + 1).startsWith("--")) {
            throw new PlaygroundException(name + " needs a value.", PlaygroundException.USAGE);
        }
        return arguments.get(at + 1);
    }

    private static void kafka(Supervisor supervisor, List<String> arguments) {
        String action = arguments.size() >= 2 ? arguments.get(1) : "";
        switch (action) {
            case "stop" -> supervisor.stop("kafka");
            case "start" -> supervisor.start("kafka", timeout(arguments));
            default -> throw new PlaygroundException("Usage: ./playground kafka stop|start", PlaygroundException.USAGE);
        }
    }

    private static int scenario(Supervisor supervisor, List<String> arguments, PrintStream out) {
        if (arguments.size() == 2 && arguments.get(1).equals("list")) {
            Scenarios.list(out);
            return 0;
        }
        if (arguments.size() != 3 || !arguments.get(1).equals("run")) {
            throw new PlaygroundException("Usage: ./playground scenario list | scenario run <name>",
                    PlaygroundException.USAGE);
        }
        return Scenarios.run(arguments.get(2), supervisor, out) ? 0 : PlaygroundException.FAILED;
    }

    private static void heal(Supervisor supervisor, List<String> arguments) {
        List<String> services = arguments.contains("--all") ? supervisor.runningServices() : List.of(name(arguments));
        services.forEach(supervisor::heal);
    }

    private static void faults(Supervisor supervisor, List<String> arguments, PrintStream out) {
        perService(supervisor, arguments, out, supervisor::faults);
    }

    private static Duration timeout(List<String> arguments) {
        int at = arguments.indexOf("--timeout");
        if (at < 0) {
            return Duration.ofSeconds(180);
        }
        try {
            return Duration.ofSeconds(Long.parseLong(arguments.get(at + 1)));
        } catch (RuntimeException e) {
            throw new PlaygroundException("--timeout takes a number of seconds.", PlaygroundException.USAGE);
        }
    }

    private static void logs(Supervisor supervisor, String name, boolean follow, PrintStream out) {
        out.println(supervisor.tail(name, 100));
        if (!follow) {
            return;
        }
        Path log = supervisor.logOf(name);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = Files.size(log);
            while (true) {
                long length = file.length();
                if (length < position) {
                    position = 0;
                }
                if (length > position) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) (length - position)];
                    file.readFully(bytes);
                    out.print(new String(bytes, StandardCharsets.UTF_8));
                    out.flush();
                    position = length;
                }
                Thread.sleep(300);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot read " + log + ": " + e.getMessage(), PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
