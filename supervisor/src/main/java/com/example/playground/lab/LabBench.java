package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The running playground as a lab sees it: the public API and the management ports (through
 * {@link RunningPlayground}, as the scenarios use them), the attendee's answer if they gave one,
 * and the few things only labs do: rebuild a service whose code a lab planted into, and change its
 * settings.
 */
final class LabBench {

    static final Duration READY = Duration.ofMinutes(5);

    private final Supervisor supervisor;
    private final RunningPlayground playground;
    private final String answer;
    private final boolean reveal;
    private final PrintStream out;

    LabBench(Supervisor supervisor, String answer, PrintStream out) {
        this(supervisor, answer, false, out);
    }

    LabBench(Supervisor supervisor, String answer, boolean reveal, PrintStream out) {
        this.supervisor = supervisor;
        this.playground = new RunningPlayground(supervisor, out);
        this.answer = answer;
        this.reveal = reveal;
        this.out = out;
    }

    RunningPlayground playground() {
        return playground;
    }

    Supervisor supervisor() {
        return supervisor;
    }

    /** What the attendee answered ({@code lab check N --answer TEXT}), if they did. */
    Optional<String> answer() {
        return Optional.ofNullable(answer).map(String::trim).filter(text -> !text.isEmpty());
    }

    /** Whether the instructor asked the check to show what the attendee has not found ({@code --reveal}). */
    boolean reveal() {
        return reveal;
    }

    PrintStream out() {
        return out;
    }

    /**
     * Keeps the answer an observe lab's {@code lab solution --apply} found, in the state folder
     * ({@code labs/<lab>.answer}), so that {@code lab check} without {@code --answer} can use it:
     * the apply does what an attendee does, and the attendee's last step is typing what they saw.
     */
    void saveAnswer(String lab, String answer) {
        keep(lab, "answer", answer);
    }

    /**
     * Keeps what a lab's start made for its check (an order's id, say) in the state folder
     * ({@code labs/<lab>.<what>}): the start and the check run in different commands.
     */
    void keep(String lab, String what, String value) {
        Path file = supervisor.state().root().resolve("labs").resolve(lab + "." + what);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    /** What {@link #keep} kept for this lab, if anything. */
    Optional<String> kept(String lab, String what) {
        Path file = supervisor.state().root().resolve("labs").resolve(lab + "." + what);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()).filter(text -> !text.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The answer {@code lab solution --apply} saved for this lab since it was started, if any. */
    Optional<String> savedAnswer(String lab) {
        return kept(lab, "answer");
    }

    /** Forgets a saved answer: a lab that starts again has fresh data, and the old answer names what is gone. */
    void forgetAnswer(String lab) {
        try {
            Files.deleteIfExists(answerFile(lab));
        } catch (IOException e) {
            throw new PlaygroundException("Cannot delete " + answerFile(lab) + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    private Path answerFile(String lab) {
        return supervisor.state().root().resolve("labs").resolve(lab + ".answer");
    }

    /** Whether the services keep their data on PostgreSQL ({@code up --db postgres}). */
    boolean onPostgres() {
        return supervisor.onPostgres();
    }

    /** GET on Zipkin's own port (its API under {@code /api/v2/}), which the gateway does not route. */
    Http.Answer zipkin(String path) {
        return new Http(Http.QUICK).get(Http.local(supervisor.stack().zipkinPort(), path));
    }

    Path home() {
        return supervisor.state().home();
    }

    /** Takes a planted defect out again: the file fixed, the module rebuilt, its instances restarted. */
    void unplant(CodePlant plant) {
        if (!plant.isPlanted(home())) {
            out.println(plant.file() + " holds no planted defect; nothing to take out.");
            return;
        }
        supervisor.cycle(instancesOf(plant.module()), () -> {
            plant.unplant(home());
            build(List.of(plant.module()));
        }, READY);
    }

    /** The names of every instance of a module that the stack runs (inventory-service, inventory-service-2...). */
    List<String> instancesOf(String module) {
        return supervisor.stack().components().stream().filter(c -> c.module().equals(module))
                .map(Component::name).toList();
    }

    /** Removes an app's settings beyond its packaged defaults, applying the change. */
    void resetSettings(String app) {
        supervisor.configuration().reset(app);
    }


    /**
     * Rebuilds modules after a lab changed their code, as {@code ./playground restart} would but for
     * them only (and the modules they need): a few tens of seconds. Maven's output goes to the log
     * folder; on failure its end is shown.
     */
    void build(List<String> modules) {
        if (modules.isEmpty()) {
            return;
        }
        Path log = supervisor.state().logOf("lab-build");
        List<String> command = new ArrayList<>(List.of(home().resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString(),
                "-q", "-B", "-o", "-DskipTests", "package", "-am", "-pl", String.join(",", modules)));
        out.printf("Rebuilding %s (a few tens of seconds)...%n", String.join(", ", modules));
        try {
            Files.createDirectories(log.getParent());
            Process maven = new ProcessBuilder(command).directory(home().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                maven.destroy();
                throw new PlaygroundException("The build failed; the end of " + supervisor.state().relative(log) + ":\n"
                        + supervisor.state().tail("lab-build", 30), PlaygroundException.FAILED);
            }
            // The ./playground script rebuilds when sources are newer than its stamp: this build counts.
            Path stamp = home().resolve("supervisor/target/.built");
            if (Files.exists(stamp)) {
                Files.setLastModifiedTime(stamp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot run Maven: " + e.getMessage(), PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted while building", PlaygroundException.FAILED);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
