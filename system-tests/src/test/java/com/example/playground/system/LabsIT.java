package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.example.playground.lab.Labs;
import com.example.playground.supervisor.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab both ways on the real stack: right after {@code lab start} its check FAILS and says
 * what is still wrong, and after {@code lab solution --apply} it PASSES. All on the one stack the
 * system tests share (the labs that need PostgreSQL: {@link OnPostgresIT}, on its own); {@code lab reset} leaves it clean for whatever runs next. The game day needs
 * a chaos run between its start and its solution: {@link GameDayIT} proves it both ways.
 *
 * <p>Last of the system tests: a lab's start puts the packaged settings back, so the short saga
 * deadlines the other tests rely on ({@link RunningStack}) are gone after it.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabsIT {

    static LabRunner runner;

    @BeforeAll
    static void startTheStack() {
        runner = new LabRunner(RunningStack.get().supervisor);
    }

    /** Each lab on H2 and what its check says is still wrong right after its start. */
    static final Map<String, String> STILL_WRONG = LabRunner.inOrder(
            "follow-an-order", "give the id of your order's trace",
            "two-sagas-one-outcome", "bob has placed no order in orchestration since the lab started",
            "breaker-watch", "has not opened since the lab started",
            "outbox-crash", "no order has lived through a crash of order-service yet",
            "breaker-counts-client-errors", "should be refused with a 4xx problem",
            "shared-bulkhead", "callers got the inventory half within 500 ms",
            "compensation-order", "not RELEASED: the stock is lost",
            "kafka-readiness", "readiness went DOWN while only the broker was away",
            "retry-storm", "3 attempts are plenty",
            "charged-twice", "no order has been charged twice yet",
            "poison-and-parked", "no order's payment command has been parked since the lab started",
            "timeout-budget", "was placed after the customer was told it failed",
            "eureka-timings", "Eureka still listed the killed inventory-service-2",
            "stale-history", "order-history-paused is still on",
            "lying-balance", "balance-projection-corrupt is still on",
            "leader-lease", "nobody led inventory-service for 15 s",
            "idle-instance", "and inventory-service-2 none",
            "checkout-needs-everyone", "distributed-monolith is still on in order-service",
            "five-processes-one-order", "the monolith does not answer through the gateway",
            "strangle-the-catalog", "products sends 0% of its requests to the new services",
            "patient-phone", "the phone waited up to",
            "who-retried", "the payment sidecar is not running",
            "too-few-hands", "no auto-scaling rule lets inventory-service grow",
            "slow-canary", "inventory-canary still gets 20 % of inventory reads");

    static Stream<Arguments> labs() {
        return STILL_WRONG.entrySet().stream().map(lab -> Arguments.of(lab.getKey(), lab.getValue()));
    }

    @Test
    @Order(0)
    void everyLabThatRunsOnH2IsTriedHereInTheWorkshopsOrder() {
        List<String> onH2 = Labs.names(false).stream().filter(lab -> !lab.equals(GameDayIT.LAB)).toList();
        assertThat(List.copyOf(STILL_WRONG.keySet())).isEqualTo(onH2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    @Order(1)
    void failsRightAfterItsStartAndPassesWithItsSolution(String lab, String stillWrong) {
        MissingProgram.skipUnlessRequired(lab, Labs.cannotRunHere(lab));
        runner.bothWays(lab, stillWrong);
    }

    /**
     * The lab in progress (the last one tried above, its solution applied) checked from the control
     * room, as an attendee does from the page: the same check, its lines and its verdict there.
     */
    @Test
    @Order(2)
    void theLabInProgressIsCheckedFromTheControlRoomAsFromTheCli() throws Exception {
        String lab = List.copyOf(STILL_WRONG.keySet()).get(STILL_WRONG.size() - 1);
        int room = RunningStack.get().supervisor.stack().controlRoomPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + room + "/api/lab/check"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

        Object run = await().atMost(Duration.ofMinutes(3)).until(() -> Json.objectAt(Json.parse(RunningStack.get()
                .getAbsolute("http://127.0.0.1:" + room + "/api/runs")), "run"), r -> Json.text(r, "ended") != null);
        assertThat(Json.text(run, "name")).isEqualTo(lab);
        assertThat(Json.text(run, "verdict")).isEqualTo("PASS");
        assertThat(Json.listAt(run, "lines")).anyMatch(line -> String.valueOf(line).startsWith("Checking lab "))
                .contains("PASS");
    }

    @AfterAll
    static void leaveAClean() {
        runner.labs.reset();
    }
}
