package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every scenario of {@code ./playground scenario run} against the real stack: each must PASS and heal. */
class ScenariosIT {

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"circuit-breaker", "retry", "timeout", "bulkhead", "failover", "kafka-outage", "rate-limit", "gateway-bulkhead",
            "externalized-configuration"})
    void passesAndLeavesNothingBroken(String scenario) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        boolean passed = Scenarios.run(scenario, stack.supervisor, new PrintStream(report, true, StandardCharsets.UTF_8));

        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(passed).as(printed).isTrue();
        assertThat(printed).contains("PASS").doesNotContain("FAILED");
        for (String service : stack.supervisor.runningServices()) {
            assertThat(stack.supervisor.management().broken(service)).as(service).isEmpty();
        }
    }

    /** The rate-limit scenario empties the gateway's bucket: wait until it lets requests through again. */
    @AfterAll
    static void letTheBucketRefill() {
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.get("/api/inventory/book").status() == 200);
    }
}
