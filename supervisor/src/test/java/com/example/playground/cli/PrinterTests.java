package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTests {

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final Printer printer = new Printer(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void statusHasALinePerProcessWithItsPorts() {
        Stack stack = Stack.withPortOffset(0);
        printer.status(List.of(new Supervisor.Status(stack.component("kafka"), 41L, "UP"),
                new Supervisor.Status(stack.component("order-service"), null, "-")));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "NAME                 STATE PID      PORT   MGMT   HEALTH",
                "kafka                up    41       9092   -      UP",
                "order-service        down  -        8081   8181   -");
    }

    @Test
    void faultsShowWhatIsBrokenTheTargetsAndTheSwitches() {
        Object faults = Json.parse("""
                {"broken": {"inbound": "fails 50 % of calls", "outbox-relay-paused": "on: relay paused"},
                 "targets": {"inbound": {"where": "requests to /api", "fault": {"description": "fails 50 % of calls"}},
                             "payment.commands": {"where": "deliveries from payment.commands", "fault": null}},
                 "switches": {"outbox-relay-paused": {"kind": "fault", "on": true, "effect": "relay paused"},
                              "consume-without-idempotency": {"kind": "anti-pattern", "on": false, "effect": "twice"}},
                 "kinds": {"hang": {"value": "true", "effect": "waits until healed"}}}""");

        printer.faults("payment-service", faults);
        printer.kinds(faults);

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("payment-service:", "inbound                      fails 50 % of calls",
                "requests to /api  [BROKEN: fails 50 % of calls]", "deliveries from payment.commands\n",
                "outbox-relay-paused          ON   fault", "consume-without-idempotency  off  anti-pattern",
                "--hang true                  waits until healed");
    }

    @Test
    void aRedeliverySaysWhereTheCopyWentAndWhetherItWasSkipped() {
        printer.redelivered("payment-service", Json.parse("""
                {"topic": "payment.commands", "partition": 1, "offset": 4, "messageType": "AuthorizePaymentCommand",
                 "messageId": "m-1", "orderId": "o-1", "sentAsOffset": 9, "group": "payment-service",
                 "consumed": true, "skippedAsDuplicate": true, "waitedMillis": 312}"""));
        printer.redelivered("payment-service", Json.parse("""
                {"topic": "payment.commands", "partition": 1, "offset": 9, "messageType": "AuthorizePaymentCommand",
                 "messageId": "m-1", "orderId": "o-1", "sentAsOffset": 10, "group": "payment-service",
                 "consumed": true, "skippedAsDuplicate": false, "waitedMillis": 100}"""));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "payment-service: redelivered AuthorizePaymentCommand of order o-1",
                "from         payment.commands partition 1 offset 4",
                "sent again   payment.commands partition 1 offset 9",
                "consumed     yes: group payment-service committed past offset 9 within 0.3 s",
                "duplicate    yes: skipped by the idempotent inbox",
                "duplicate    no: handled again");
    }

    @Test
    void aRedeliveredTypeTheListenerHasNoHandlerForIsSaidToBePassedOverNotHandledAgain() {
        printer.redelivered("inventory-service", Json.parse("""
                {"topic": "payment.events", "partition": 0, "offset": 3, "messageType": "PaymentAuthorized",
                 "messageId": "m-2", "orderId": "o-2", "sentAsOffset": 7, "group": "inventory-service",
                 "consumed": true, "skippedAsDuplicate": false, "ignored": true, "waitedMillis": 90}"""));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("duplicate    no: this listener has no handler for PaymentAuthorized; passed over")
                .doesNotContain("handled again");
    }
}
