package com.example.playground.controlroom;

import com.example.playground.lab.Labs;
import com.example.playground.scenario.Scenarios;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the page runs that takes a while and ends with a verdict: a scenario ({@code scenario run}) or
 * the check of the lab in progress ({@code lab check}). One at a time, like a user at one terminal:
 * both break things and watch the stack, and two at once would spoil each other's figures. Each run
 * prints what the CLI prints; the page shows its lines as they come and its PASS or FAIL at the end.
 */
final class Runs {

    /** The last lines of a run kept for the page: a scenario prints a few dozen, a long check some more. */
    static final int LINES_KEPT = 400;

    /** A run: what it is, when it started and ended, what it printed, and its verdict (PASS, FAIL, or ERROR: it could not run). */
    private static final class Run {
        final String kind;
        final String name;
        final Instant started = Instant.now();
        final List<String> lines = new ArrayList<>();
        volatile Instant ended;
        volatile String verdict;

        Run(String kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    private final Supplier<Supervisor> supervisor;
    private final Activity activity;
    private final ExecutorService work;
    private volatile Run current;

    Runs(Supplier<Supervisor> supervisor, Activity activity, ExecutorService work) {
        this.supervisor = supervisor;
        this.activity = activity;
        this.work = work;
    }

    /** The scenarios to choose from (they do not change while the control room runs). */
    static List<Map<String, Object>> scenarios() {
        return Scenarios.catalogue();
    }

    /** The lab in progress if any, and the latest run: a field of every snapshot. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lab", new Labs(supervisor.get(), new PrintStream(OutputStream.nullOutputStream())).inProgress().orElse(null));
        view.put("run", run());
        return view;
    }

    /** Starts a scenario; refused if it is not one, cannot run here, or another run is under way. */
    Map<String, Object> scenario(String name) {
        if (!Scenarios.names().contains(name)) {
            throw new PlaygroundException("No scenario '" + name + "'. Known: " + String.join(", ", Scenarios.names()),
                    PlaygroundException.USAGE);
        }
        Scenarios.cannotRunHere(name).ifPresent(why -> {
            throw new PlaygroundException("Scenario " + name + " cannot run here: " + why + ".", PlaygroundException.FAILED);
        });
        return start("scenario", name, out -> Scenarios.run(name, supervisor.get(), out));
    }

    /** Starts the check of the lab in progress, with the attendee's answer if given. */
    Map<String, Object> labCheck(String answer) {
        Labs labs = new Labs(supervisor.get(), new PrintStream(OutputStream.nullOutputStream()));
        String lab = labs.inProgress().map(about -> String.valueOf(about.get("name"))).orElseThrow(() -> new PlaygroundException(
                "No lab in progress: './playground lab start N' first.", PlaygroundException.FAILED));
        String given = answer == null || answer.isBlank() ? null : answer.trim();
        return start("lab check", lab, out -> new Labs(supervisor.get(), out).check(lab, given));
    }

    private synchronized Map<String, Object> start(String kind, String name, Predicate<PrintStream> body) {
        Run busy = current;
        if (busy != null && busy.ended == null) {
            throw new PlaygroundException("The " + busy.kind + " " + busy.name + " is still running: one run at a time.",
                    PlaygroundException.FAILED);
        }
        Run run = new Run(kind, name);
        current = run;
        activity.add(kind + " " + name + " started from the page");
        work.submit(() -> {
            try (PrintStream out = new PrintStream(new Lines(run), true, StandardCharsets.UTF_8)) {
                boolean passed = false;
                try {
                    passed = body.test(out);
                    run.verdict = passed ? "PASS" : "FAIL";
                } catch (RuntimeException e) {
                    out.println(e.getMessage());
                    run.verdict = "ERROR";
                }
            } finally {
                run.ended = Instant.now();
                activity.add(kind + " " + name + " ended: " + run.verdict);
            }
        });
        return run();
    }

    private Map<String, Object> run() {
        Run run = current;
        if (run == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", run.kind);
        view.put("name", run.name);
        view.put("started", run.started.toString());
        view.put("ended", run.ended == null ? null : run.ended.toString());
        view.put("verdict", run.verdict);
        synchronized (run.lines) {
            view.put("lines", List.copyOf(run.lines));
        }
        return view;
    }

    /** What a run prints, cut into lines as they come. */
    private static final class Lines extends OutputStream {

        private final Run run;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(Run run) {
            this.run = run;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            synchronized (run.lines) {
                run.lines.add(line.toString(StandardCharsets.UTF_8));
                if (run.lines.size() > LINES_KEPT) {
                    run.lines.remove(0);
                }
            }
            line.reset();
        }
    }
}
