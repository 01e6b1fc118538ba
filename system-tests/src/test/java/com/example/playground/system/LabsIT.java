package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.lab.Labs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every lab both ways on the real stack: right after {@code lab start} its check FAILS and says
 * what is still wrong, and after {@code lab solution --apply} it PASSES. All on the one stack the
 * system tests share; {@code lab reset} leaves it clean for whatever runs next. The game day needs
 * a chaos run between its start and its solution: {@link GameDayIT} proves it both ways.
 *
 * <p>Last of the system tests: a lab's start puts the packaged settings back, so the short saga
 * deadlines the other tests rely on ({@link RunningStack}) are gone after it.
 */
@Order(Integer.MAX_VALUE)
class LabsIT {

    static RunningStack stack;
    static Labs labs;
    static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
        labs = new Labs(stack.supervisor, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            follow-an-order              | give the id of your order's trace
            two-sagas-one-outcome        | bob has placed no order in orchestration since the lab started
            breaker-watch                | has not opened since the lab started
            outbox-crash                 | no order has lived through a crash of order-service yet
            breaker-counts-client-errors | should be refused with a 4xx problem
            shared-bulkhead              | callers got the inventory half within 500 ms
            compensation-order           | not RELEASED: the stock is lost
            kafka-readiness              | readiness went DOWN while only the broker was away
            retry-storm                  | 3 attempts are plenty
            charged-twice                | no order has been charged twice yet
            poison-and-parked            | no order's payment command has been parked since the lab started
            timeout-budget               | was placed after the customer was told it failed
            eureka-timings               | Eureka still listed the killed inventory-service-2
            stale-history                | order-history-paused is still on
            lying-balance                | balance-projection-corrupt is still on
            leader-lease                 | nobody led inventory-service for 15 s
            checkout-needs-everyone      | distributed-monolith is still on in order-service
            five-processes-one-order     | the monolith does not answer through the gateway
            """)
    void failsRightAfterItsStartAndPassesWithItsSolution(String lab, String stillWrong) {
        labs.start(lab);
        assertThat(check(lab)).as("right after the start").isFalse();
        assertThat(lastOutput()).contains("[still wrong] ").contains(stillWrong).endsWith("FAIL\n");

        labs.solution(lab, true);
        boolean passed = check(lab);
        assertThat(passed).as(lastOutput()).isTrue();
        assertThat(lastOutput()).doesNotContain("still wrong").endsWith("PASS\n");
    }

    private static boolean check(String lab) {
        printed.reset();
        boolean passed = labs.check(lab, null);
        System.out.print(lastOutput());
        return passed;
    }

    private static String lastOutput() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void leaveAClean() {
        labs.reset();
    }
}
