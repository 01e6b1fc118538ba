package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.scenario.Scenarios;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The failover scenario after a plain {@code ./playground up}, which runs inventory-service once:
 * the scenario adds the second instance to the running stack itself, passes, and leaves the stack
 * as it found it. A stack of its own, on the system tests' ports and state folder: this class runs
 * first ({@code junit-platform.properties} orders classes by {@link Order}) and stops its stack
 * before the shared two-instance one ({@link RunningStack}) starts, so two stacks never share the
 * machine and the class-data archives are trained once.
 */
@Order(1)
class FailoverFromOneInstanceIT {

    static Supervisor supervisor;

    @BeforeAll
    static void startAStackThatRunsInventoryServiceOnce() {
        assertThat(RunningStack.started()).as("must run before the shared stack starts, on the same ports").isFalse();
        supervisor = RunningStack.supervisorOf(Stack.withPortOffset(RunningStack.PORT_OFFSET));
        supervisor.up(Duration.ofMinutes(6));
    }

    @AfterAll
    static void stopIt() {
        supervisor.down();
    }

    @Test
    void theScenarioAddsTheSecondInstanceItselfPassesAndLeavesOneRunning() {
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        boolean passed = Scenarios.run("failover", supervisor, new PrintStream(report, true, StandardCharsets.UTF_8));

        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(passed).as(printed).isTrue();
        assertThat(printed).contains("inventory-service runs once: adding inventory-service-2",
                "adding inventory-service-2 to the running stack took", "Back to one instance of inventory-service");
        // As found: one instance runs, later commands are not told of a second, and Eureka forgets it.
        Supervisor asTwo = supervisor.scaled("inventory-service", 2);
        assertThat(asTwo.status()).filteredOn(s -> s.component().module().equals("inventory-service"))
                .extracting(s -> s.component().name() + " " + (s.up() ? "up" : "down"))
                .containsExactly("inventory-service up", "inventory-service-2 down");
        assertThat(new RememberedSettings(supervisor.state()).instances()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !asTwo.registered("inventory-service-2"));
        assertThat(new Http(Http.QUICK).get(Http.local(supervisor.stack().gatewayPort(), "/api/inventory/book")).status())
                .isEqualTo(200);
    }
}
