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
}
