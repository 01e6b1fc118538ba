package com.example.playground.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a team's answers file: forgiving of how they write, strict about what they name. */
class AnswersTests {

    private static final List<String> PROCESSES = Stack.withPortOffset(0).names();

    @Test
    void oneFindingPerLineInTheDocumentedForm() {
        Answers answers = read("""
                kill inventory-service
                fault payment-service inbound latency
                switch order-service outbox-relay-paused
                kafka stopped
                """);

        assertThat(lines(answers)).containsExactly("kill inventory-service", "fault payment-service inbound latency",
                "switch order-service outbox-relay-paused", "kafka stopped");
        assertThat(answers.unreadable()).isEmpty();
    }

    @Test
    void caseCommentsBlankLinesListMarkersAndSpacingDoNotMatter() {
        Answers answers = read("""
                # Team blue, 14:20
                  - KILL   Inventory-Service     # status said down

                * Fault payment-service INBOUND Latency
                2. switch order-service outbox-relay-paused on
                """);

        assertThat(lines(answers)).containsExactly("kill inventory-service", "fault payment-service inbound latency",
                "switch order-service outbox-relay-paused");
    }

    @Test
    void commandsCopiedFromTheTerminalReadAsWhatTheyBreak() {
        Answers answers = read("""
                ./playground break order-service --target inventory-service --error-rate 0.5
                ./playground break payment-service --hang
                ./playground switch saga-orchestrator outbox-relay-paused on
                ./playground kill order-service
                ./playground kafka stop
                """);

        assertThat(lines(answers)).containsExactly("fault order-service inventory-service error-rate",
                "fault payment-service inbound hang", "switch saga-orchestrator outbox-relay-paused",
                "kill order-service", "kafka stopped");
    }

    @Test
    void commonWordsForTheSameThingAreTheSameFinding() {
        Answers answers = read("""
                payment-service down
                killed order-service
                fault inventory-service slow 2000ms
                fault inventory-service inventory.commands errors
                broken saga-orchestrator payment.events hung
                broker down
                kill kafka
                """);

        assertThat(lines(answers)).containsExactly("kill payment-service", "kill order-service",
                "fault inventory-service inbound latency", "fault inventory-service inventory.commands error-rate",
                "fault saga-orchestrator payment.events hang", "kafka stopped");
    }

    @Test
    void aFindingNamedTwiceCountsOnce() {
        assertThat(lines(read("kill order-service\nKILL order-service\norder-service down"))).containsExactly(
                "kill order-service");
    }

    @Test
    void aLineThatCannotBeReadIsGivenBackWithWhyAndNamesNothing() {
        Answers answers = read("""
                payment is slow
                kill paymnet-service
                fault payment-service inbound
                switch order-service
                kafka exploded
                kill order-service
                """);

        assertThat(lines(answers)).containsExactly("kill order-service");
        assertThat(answers.unreadable()).containsExactly(
                "line 1 \"payment is slow\": start with kill, fault, switch or kafka",
                "line 2 \"kill paymnet-service\": 'paymnet-service' is no process of the playground",
                "line 3 \"fault payment-service inbound\": say 'fault SERVICE [TARGET] latency|error-rate|hang'",
                "line 4 \"switch order-service\": say 'switch SERVICE SWITCH'",
                "line 5 \"kafka exploded\": say 'kafka stopped'");
    }

    @Test
    void noFileIsNoFindings() {
        assertThat(Answers.read(null, PROCESSES).findings()).isEmpty();
        assertThat(read("# nothing yet\n\n").findings()).isEmpty();
    }

    private static Answers read(String text) {
        return Answers.read(text, PROCESSES);
    }

    private static List<String> lines(Answers answers) {
        return answers.findings().stream().map(Answers.Finding::toString).toList();
    }
}
