package com.example.playground.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process is which. A pid file names a process, but a process counts as ours only if its
 * command line carries our marker for this state folder ({@code -Dplayground.process=NAME@STATE}),
 * so a stale pid file never makes us signal a stranger that got the same pid.
 */
final class Pids {

    private final StateFolder state;
    /** Processes launched by this JVM: their handles say whether they still run, marker or not. */
    private final Map<String, ProcessHandle> launchedHere = new ConcurrentHashMap<>();

    Pids(StateFolder state) {
        this.state = state;
    }

    /** The system property that marks a process as this component of this stack. */
    String marker(Component c) {
        return "-Dplayground.process=" + c.name() + "@" + state.root();
    }

    /** The live process of a component, if our pid file names one that is still ours. */
    Optional<ProcessHandle> of(Component c) {
        Path file = file(c);
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

    /**
     * Whether a component runs. Right after a launch the new process may not show our marker yet
     * (it is still the JDK's spawn helper for a moment), so a process launched here is judged by
     * its own handle.
     */
    boolean isRunning(Component c) {
        ProcessHandle launched = launchedHere.get(c.name());
        if (launched != null && Files.exists(file(c))) {
            return launched.isAlive();
        }
        return of(c).isPresent();
    }

    /** Whether this JVM launched the component's current process (rather than found it running). */
    boolean launchedHere(Component c) {
        return launchedHere.containsKey(c.name());
    }

    void record(Component c, ProcessHandle process) {
        try {
            Files.writeString(file(c), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launchedHere.put(c.name(), process);
    }

    void forget(Component c) {
        try {
            Files.deleteIfExists(file(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launchedHere.remove(c.name());
    }

    private Path file(Component c) {
        return state.run().resolve(c.name() + ".pid");
    }
}
