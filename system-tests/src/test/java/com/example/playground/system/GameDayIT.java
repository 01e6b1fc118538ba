package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.chaos.Chaos;
import com.example.playground.lab.Labs;
import com.example.playground.scenario.RunningPlayground;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The game day on the real stack: {@code chaos} with a fixed seed breaks three things, a known wrong
 * answers file gets the score it deserves, and the lab's solution heals the three and names them:
 * 6 of 6. Whatever happens, the stack is left healed for the tests after it.
 */
class GameDayIT {

    /** Tried here, not in {@link LabsIT}: its start needs a chaos run before its solution. */
    static final String LAB = "gameday";

    /** Seed 3 kills a service, so the score's "healed" is proven on a process as well as on a switch and a fault. */
    private static final long SEED = 3;

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    @AfterAll
    static void leaveItHealed() {
        new RunningPlayground(stack.supervisor, System.out).healEverything();
    }

    @Test
    void aWrongAnswersFileScoresWhatItGotRightAndTheSolutionScoresSixOfSix() throws IOException {
        List<String> three = Chaos.answersFor(SEED);

        ByteArrayOutputStream chaos = new ByteArrayOutputStream();
        new Chaos(stack.supervisor).start(SEED, new PrintStream(chaos, true, StandardCharsets.UTF_8));
        assertThat(chaos.toString(StandardCharsets.UTF_8)).startsWith("Three things are broken. The clock runs from ")
                .hasLineCount(2);
        Path labsFolder = stack.supervisor.state().root().resolve("labs");
        assertThat(Files.readString(labsFolder.resolve("chaos.json"))).contains("\"seed\":" + SEED)
                .doesNotContain("kill", "fault", "switch", "service");

        // Two of the three named (one in capitals), one thing chaos did not break, one line nobody can read.
        String wrongClaim = Stream.of("kafka stopped", "kill order-service", "kill payment-service")
                .filter(claim -> !three.contains(claim)).findFirst().orElseThrow();
        String wrong = three.get(0) + "\n" + three.get(1).toUpperCase() + "\n" + wrongClaim + "\npayments feel slow\n";
        Checked scored = check(wrong, false);

        assertThat(scored.passed()).isFalse();
        // Healed 0: all three are broken, by what the system says.
        assertThat(scored.printed()).contains("Score: 1 of 6  (named 2, healed 0, wrongly claimed 1)",
                "[ok] named: " + three.get(0), "[ok] named: " + three.get(1),
                "one of the three is not in your answers (--reveal names it)",
                "'" + wrongClaim + "' was not broken by chaos: -1", "Not understood", "FAIL")
                .doesNotContain(three.get(2));
        assertThat(check(wrong, true).printed()).contains("not named: " + three.get(2), "still broken: " + three.get(2));

        new Labs(stack.supervisor, System.out).solution(LAB, true);
        Checked solved = check(Files.readString(labsFolder.resolve("gameday-answers.txt")), false);

        assertThat(solved.passed()).isTrue();
        assertThat(solved.printed()).contains("Score: 6 of 6  (named 3, healed 3, wrongly claimed 0)", "PASS");
        assertThat(stack.supervisor.status()).allSatisfy(s -> assertThat(s.up()).as(s.component().name()).isTrue());
        for (String service : stack.supervisor.runningServices()) {
            assertThat(stack.supervisor.management().broken(service)).as(service).isEmpty();
        }
    }

    private record Checked(boolean passed, String printed) {
    }

    /** {@code lab check gameday} with these answers, as the CLI runs it. */
    private static Checked check(String answers, boolean reveal) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean passed = new Labs(stack.supervisor, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .check(LAB, answers, reveal);
        System.out.println(printed.toString(StandardCharsets.UTF_8));
        return new Checked(passed, printed.toString(StandardCharsets.UTF_8));
    }
}
