package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Starts and stops the stack's processes. A process is launched with its output appended to its
 * log and its pid written down; it is stopped with SIGTERM (and SIGKILL if it will not go), or
 * killed outright to simulate a crash.
 */
final class Processes {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final StateFolder state;
    private final Pids pids;
    private final Function<Component, List<String>> commands;
    private final PrintStream out;

    /** {@code commands} gives each component's command line ({@link CommandLines#of}). */
    Processes(StateFolder state, Pids pids, Function<Component, List<String>> commands, PrintStream out) {
        this.state = state;
        this.pids = pids;
        this.commands = commands;
        this.out = out;
    }

    void launch(Component c) {
        List<String> command = commands.apply(c);
        Path log = state.logOf(c.name());
        try {
            Files.writeString(log, "%n=== %s: starting %s ===%n".formatted(LocalDateTime.now(), c.name()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command);
            // Fewer glibc malloc arenas: the same work in noticeably less resident memory per JVM.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder
                    .directory(state.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            pids.record(c, process.toHandle());
            out.printf("  started %-20s pid %-7d port %d%n", c.name(), process.pid(), c.port());
        } catch (IOException e) {
            throw new PlaygroundException("Could not start " + c.name() + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    /** Stops what runs of these: everything but the broker first, so services do not spin on a lost connection. */
    void stop(List<Component> components) {
        terminate(components.stream().filter(c -> c.kind() != Kind.KAFKA).toList());
        terminate(components.stream().filter(c -> c.kind() == Kind.KAFKA).toList());
    }

    /** SIGKILL, no goodbye: what a crash looks like to the rest of the system. */
    ProcessHandle kill(Component c) {
        ProcessHandle process = pids.of(c).orElseThrow(() -> new PlaygroundException(c.name() + " is not running.",
                PlaygroundException.FAILED));
        process.destroyForcibly();
        waitForExit(process, Duration.ofSeconds(10));
        return process;
    }

    private void terminate(List<Component> components) {
        Map<Component, ProcessHandle> processes = new LinkedHashMap<>();
        for (Component c : components) {
            pids.of(c).ifPresent(process -> {
                process.destroy();
                processes.put(c, process);
            });
        }
        processes.forEach((c, process) -> {
            if (!waitForExit(process, PATIENCE)) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(5));
            }
            pids.forget(c);
            out.printf("  stopped %-20s pid %d%n", c.name(), process.pid());
        });
    }

    private static boolean waitForExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
