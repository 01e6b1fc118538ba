package com.example.playground.chaos;

import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The game day's chaos: {@code ./playground chaos --seed N} silently breaks three things picked by
 * the seed from the {@link Catalogue}, and remembers only the seed and the time ({@link ChaosRun});
 * the game day lab scores a team's answers against the same seed and heals the three for its solution.
 */
public final class Chaos {

    private final Supervisor supervisor;

    public Chaos(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The answer lines of a seed's three breakages: what a team that found everything writes. */
    public static List<String> answersFor(long seed) {
        return Catalogue.draw(seed).stream().map(Breakage::answer).toList();
    }

    /**
     * Breaks the seed's three things and starts the clock, saying no more than that. Refused unless
     * every process runs and nothing is broken, so that what the teams find is what chaos broke.
     */
    public ChaosRun start(long seed, PrintStream out) {
        requireHealthy();
        Supervisor quiet = new Supervisor(supervisor.state().home(), supervisor.state().root(), supervisor.stack(),
                new PrintStream(PrintStream.nullOutputStream()));
        List<Breakage> applied = new ArrayList<>();
        try {
            // The outage last: breaking inside the other processes needs nothing of it, but is quicker first.
            for (Breakage b : Catalogue.draw(seed).stream().sorted(Comparator.comparing(Breakage::isOutage)).toList()) {
                b.apply(quiet);
                applied.add(b);
            }
        } catch (RuntimeException e) {
            applied.forEach(b -> b.heal(supervisor, Duration.ofMinutes(3)));
            throw new PlaygroundException("Chaos could not break all three things, so it healed what it had broken: "
                    + e.getMessage(), PlaygroundException.FAILED);
        }
        ChaosRun run = new ChaosRun(seed, Instant.now());
        run.save(supervisor.state().root());
        out.printf("Three things are broken. The clock runs from %s.%n",
                LocalTime.ofInstant(run.started(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS));
        out.println("Find them, heal them, name them in an answers file. Score: ./playground lab check gameday"
                + " --answers FILE");
        return run;
    }

    /** The last chaos started here, if any. */
    public Optional<ChaosRun> last() {
        return ChaosRun.last(supervisor.state().root());
    }

    /** Forgets the last chaos (a new game day begins). */
    public void forget() {
        try {
            Files.deleteIfExists(ChaosRun.file(supervisor.state().root()));
        } catch (IOException e) {
            throw new PlaygroundException("Cannot delete " + ChaosRun.file(supervisor.state().root()) + ": "
                    + e.getMessage(), PlaygroundException.FAILED);
        }
    }

    /** Scores an answers file (its text; null for none) against a run, by what the running system says now. */
    public Scorecard score(ChaosRun run, String answers) {
        return Scorecard.of(Catalogue.draw(run.seed()), Answers.read(answers, supervisor.stack().names()),
                Now.of(supervisor));
    }

    /** Heals a run's three breakages and returns the answers file that names them. */
    public String solve(ChaosRun run, Duration timeout) {
        List<Breakage> broken = Catalogue.draw(run.seed());
        Now now = Now.of(supervisor);
        broken.stream().filter(b -> !b.isHealedIn(now)).forEach(b -> b.heal(supervisor, timeout));
        StringBuilder file = new StringBuilder("# The game day of seed " + run.seed() + ": what chaos broke.\n");
        broken.forEach(b -> file.append(b.answer()).append('\n'));
        return file.toString();
    }

    private void requireHealthy() {
        List<String> down = supervisor.stack().names().stream().filter(name -> !supervisor.isRunning(name)).toList();
        if (down.size() == supervisor.stack().names().size()) {
            throw new PlaygroundException("The playground is not running. Start it with ./playground up (or"
                    + " ./playground lab start gameday).", PlaygroundException.FAILED);
        }
        List<String> broken = supervisor.runningServices().stream()
                .filter(service -> !supervisor.management().broken(service).isEmpty()).toList();
        Optional<ChaosRun> last = last();
        if (last.isPresent() && !(down.isEmpty() && broken.isEmpty())) {
            // Named here, what is down or broken would be a free hint to a team that runs chaos twice.
            throw new PlaygroundException("A game day is running already (seed " + last.get().seed() + "): heal"
                    + " all three, or start afresh with ./playground lab start gameday, before the next chaos.",
                    PlaygroundException.FAILED);
        }
        if (!down.isEmpty()) {
            throw new PlaygroundException("Not running: " + String.join(", ", down) + ". Start the whole stack first"
                    + " (./playground up), so that what the teams find is what chaos broke.", PlaygroundException.FAILED);
        }
        if (!broken.isEmpty()) {
            throw new PlaygroundException("Something is broken already in " + String.join(", ", broken)
                    + ". Heal it first (./playground heal --all), so that what the teams find is what chaos broke.",
                    PlaygroundException.FAILED);
        }
    }
}
