package com.example.playground.lab;

import com.example.playground.chaos.Chaos;
import com.example.playground.chaos.ChaosRun;
import com.example.playground.chaos.Scorecard;
import com.example.playground.chaos.Scorecard.Line;
import com.example.playground.supervisor.PlaygroundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The timed game day: {@code ./playground chaos --seed N} silently breaks three things; teams find
 * them, heal them and name them in an answers file, which the check scores against the seed (a
 * point for each named, a point for each healed, a point off for each wrong claim; PASS at 6 of 6).
 * Missed breakages stay secret unless the instructor asks with {@code --reveal}.
 */
final class GameDayLab implements Lab {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public About about() {
        return new About("gameday", "Game day: three things are broken", Level.ADVANCED, 30);
    }

    @Override
    public String goal() {
        return "'./playground chaos --seed N' breaks three things without a word. Find all three, heal them, and name"
                + " each in an answers file, one per line: 6 of 6 points. A wrong claim costs a point.";
    }

    @Override
    public String firstStep() {
        return "The instructor picks N; run './playground chaos --seed N', then './playground status' and place an"
                + " order. Write what you find in answers.txt (the page shows the format).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Three ways of looking: what is down (./playground status), what the services say is broken"
                        + " (./playground faults, the control room), and what an order does (place one, follow it"
                        + " through GET /api/sagas/{orderId}, Zipkin and ./playground dead-letters).",
                "An order that stays PENDING has stopped somewhere: its saga says at which step. Messages that wait"
                        + " in an outbox, a listener that fails its deliveries, a participant that is gone and the"
                        + " broker away all look like that from the outside; the services' metrics and faults tell"
                        + " them apart.",
                "Some breakages hurt nobody until something else goes wrong: a switch that removes a safeguard"
                        + " (an anti-pattern) shows in ./playground faults and the control room, not in what an order does.",
                "Healing does not name anything: ./playground heal --all and ./playground up put everything right,"
                        + " but only the lines of your answers file earn the other three points. Check as often as"
                        + " you like: ./playground lab check gameday --answers answers.txt");
    }

    @Override
    public String solution() {
        return """
                What chaos breaks follows from its seed: three things out of faults (latency, errors or a hang at a
                service's API, a dependency or a topic), switches (an outbox relay paused, an anti-pattern on), a
                killed service, and the Kafka broker stopped, each in a process of its own, at most one process down.
                ./playground status finds the outage, ./playground faults (or the control room) every fault and
                switch; the symptoms lead there too: slow or failing answers, an open breaker, PENDING orders, dead
                letters. Heal: ./playground heal <service> for faults and switches, ./playground restart <service>
                or ./playground kafka start for what is down. 'lab solution gameday --apply' heals the last chaos
                run's three and writes its answers file.""";
    }

    /** A clean stack (the framework's); a new game, so the last chaos run is forgotten. */
    @Override
    public void start(LabBench bench) {
        new Chaos(bench.supervisor()).forget();
        PrintStream out = bench.out();
        out.println("The stack is clean. Instructor: pick a seed for each team (or one for the room) and have them run");
        out.println("  ./playground chaos --seed N");
        out.println("The clock starts then. Score: ./playground lab check gameday --answers answers.txt");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        Chaos chaos = new Chaos(bench.supervisor());
        Optional<ChaosRun> last = chaos.last();
        if (last.isEmpty()) {
            verdict.expect(false, "", "no game day is running: nothing has been broken since 'lab start gameday'."
                    + " Start the clock with ./playground chaos --seed N");
            return;
        }
        ChaosRun run = last.get();
        Scorecard score = chaos.score(run, bench.answer().orElse(null));
        PrintStream out = bench.out();
        Duration since = Duration.between(run.started(), Instant.now());
        out.printf("  Seed %d: chaos started at %s, %d min %d s ago.%n", run.seed(), CLOCK.format(run.started()),
                since.toMinutes(), since.toSecondsPart());
        out.printf("  Score: %d of %d  (named %d, healed %d, wrongly claimed %d)%n", score.points(), Scorecard.MAX,
                score.named(), score.healed(), score.wrong().size());
        if (bench.answer().isEmpty()) {
            out.println("  No answers given: pass your file with --answers FILE.");
        }
        score.unreadable().forEach(line -> out.println("  Not understood (no points either way): " + line));
        // What they named first; the order of the three says nothing either way.
        for (Line line : score.lines().stream().sorted(Comparator.comparing(l -> !l.named())).toList()) {
            boolean show = line.named() || bench.reveal();
            verdict.expect(line.named(), "named: " + line.answer(),
                    show ? "not named: " + line.answer() : "one of the three is not in your answers (--reveal names it)");
            verdict.expect(line.healed(), "healed: " + (show ? line.answer() : "one you have not named"),
                    "still broken: " + (show ? line.answer() : "one you have not named"));
        }
        score.wrong().forEach(claim -> verdict.expect(false, "", "'" + claim + "' was not broken by chaos: -1"));
    }

    /** Heals the last chaos run's three and writes the answers that name them, for the check. */
    @Override
    public void applySolution(LabBench bench) {
        Chaos chaos = new Chaos(bench.supervisor());
        Optional<ChaosRun> last = chaos.last();
        if (last.isEmpty()) {
            bench.out().println("No game day is running: nothing to heal or name. Start one with ./playground chaos --seed N");
            return;
        }
        String answers = chaos.solve(last.get(), LabBench.READY);
        Path file = answersFile(bench);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, answers);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
        String shown = bench.supervisor().state().relative(file);
        bench.out().print(answers);
        bench.out().println("Healed, and written to " + shown + ". Score it: ./playground lab check gameday --answers "
                + shown);
    }

    /** Where the solution writes its answers: the state folder, beside the chaos run. */
    static Path answersFile(LabBench bench) {
        return bench.supervisor().state().root().resolve("labs").resolve("gameday-answers.txt");
    }
}
