package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario of {@code ./playground scenario run} against the real stack: each must PASS and heal. */
class ScenariosIT {

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    /** Every scenario the CLI lists, in its order: a new one is run here without a change (OnPostgresIT runs those that need PostgreSQL). */
    static List<String> scenarios() {
        return Scenarios.names(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void passesAndLeavesNothingBroken(String scenario) {
        MissingProgram.skipUnlessRequired(scenario, Scenarios.cannotRunHere(scenario));
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        boolean passed = Scenarios.run(scenario, stack.supervisor, new PrintStream(report, true, StandardCharsets.UTF_8));

        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        if (!passed) {
            printTheLogsOf("gateway", "order-service", "discovery");
        }
        assertThat(passed).as(printed).isTrue();
        assertThat(printed).contains("PASS").doesNotContain("FAILED");
        for (String service : stack.supervisor.runningServices()) {
            assertThat(stack.supervisor.management().broken(service)).as(service).isEmpty();
        }
    }

    /** What CI keeps of a failed run is this output: the last warnings of the apps a scenario's requests pass. */
    private static void printTheLogsOf(String... apps) {
        for (String app : apps) {
            try {
                List<String> lines = Files.readAllLines(stack.supervisor.logOf(app), StandardCharsets.UTF_8);
                List<String> warnings = lines.stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .toList();
                System.out.println("--- the last warnings in " + app + "'s log:");
                warnings.subList(Math.max(0, warnings.size() - 15), warnings.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("--- no log of " + app + ": " + e);
            }
        }
    }

    /** The rate-limit scenario empties the gateway's bucket: wait until it lets requests through again. */
    @AfterAll
    static void letTheBucketRefill() {
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.get("/api/inventory/book").status() == 200);
    }
}
