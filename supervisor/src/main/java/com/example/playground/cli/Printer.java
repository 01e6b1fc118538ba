package com.example.playground.cli;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import com.example.playground.supervisor.JvmMode;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the CLI prints: the status table, the banner after {@code up}, and what services answer. */
final class Printer {

    private final PrintStream out;

    Printer(PrintStream out) {
        this.out = out;
    }

    void status(List<Supervisor.Status> statuses) {
        out.printf("%-20s %-5s %-8s %-6s %-6s %s%n", "NAME", "STATE", "PID", "PORT", "MGMT", "HEALTH");
        for (Supervisor.Status s : statuses) {
            Component c = s.component();
            out.printf("%-20s %-5s %-8s %-6d %-6s %s%n", c.name(), s.up() ? "up" : "down",
                    s.up() ? s.pid() : "-", c.port(), c.managementPort() == 0 ? "-" : c.managementPort(), s.health());
        }
    }

    /** After {@code up}: how long it took (zero if it was up already), the table, and where to go next. */
    void up(Supervisor supervisor, Duration took) {
        Stack stack = supervisor.stack();
        out.println();
        out.println(took.isZero() ? "The playground is already up." : "The playground is up (%.1f s).".formatted(
                took.toMillis() / 1000.0));
        out.println();
        status(supervisor.status());
        out.println();
        out.println("  API (gateway)   http://127.0.0.1:" + stack.gatewayPort() + "/api/...");
        out.println("  Swagger UI      http://127.0.0.1:" + stack.gatewayPort() + "/swagger-ui.html");
        out.println("  Eureka          http://127.0.0.1:" + stack.eurekaPort() + "/");
        out.println("  Zipkin          http://127.0.0.1:" + stack.zipkinPort() + "/zipkin/");
        out.println("  Control room    http://127.0.0.1:" + stack.controlRoomPort() + "/");
        out.println("  Kafka           127.0.0.1:" + stack.kafkaPort());
        out.println("  Logs and data   " + supervisor.state().relative(supervisor.state().root()));
        if (supervisor.jvm() == JvmMode.FAST) {
            out.println("  JVMs            fast: C2 and twice the heaps ('up --jvm lean' for the default)");
        }
        out.println();
        out.println("Place an order:");
        out.println("  curl -i -X POST http://127.0.0.1:" + stack.gatewayPort()
                + "/api/orders -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"customerId\":\"alice\",\"items\":[{\"sku\":\"book\",\"quantity\":2}]}'");
        out.println("Stop everything: ./playground down");
    }

    /** A service's answer, indented, under its name. */
    void answer(String service, String json) {
        out.println(service + ":");
        out.println(Json.pretty(json).indent(2).stripTrailing());
    }

    /** What can be broken in a service, and what is broken now: its targets and its switches. */
    void faults(String service, Object faults) {
        out.println(service + ":");
        Map<String, Object> broken = Json.objectAt(faults, "broken");
        out.println("  broken now: " + (broken.isEmpty() ? "nothing" : ""));
        broken.forEach((name, how) -> out.printf("    %-28s %s%n", name, how));
        out.printf("  targets (./playground break %s --target NAME --KIND [VALUE]):%n", service);
        Json.objectAt(faults, "targets").forEach((name, target) -> {
            String fault = Json.text(target, "fault", "description");
            out.printf("    %-28s %s%s%n", name, Json.text(target, "where"), fault == null ? "" : "  [BROKEN: " + fault + "]");
        });
        switches(service, faults);
    }

    void switches(String service, Object faults) {
        out.printf("  switches (./playground switch %s NAME on|off):%n", service);
        Json.objectAt(faults, "switches").forEach((name, s) -> out.printf("    %-28s %-4s %-13s %s%n", name,
                "true".equals(Json.text(s, "on")) ? "ON" : "off", Json.text(s, "kind"), Json.text(s, "effect")));
    }

    /** The kinds of fault a target takes, as the services declare them. */
    void kinds(Object faults) {
        out.println("kinds of fault (combine them):");
        Json.objectAt(faults, "kinds").forEach((name, kind) -> out.printf("  %-28s %s%n",
                "--" + name + " " + Json.text(kind, "value"), Json.text(kind, "effect")));
    }

    /** What a redelivery did: the record, its copy, and whether the service consumed the copy or skipped it. */
    void redelivered(String service, Object answer) {
        out.printf("%s: redelivered %s of order %s%n", service, Json.text(answer, "messageType"),
                Json.text(answer, "orderId"));
        out.printf("  message-id   %s%n", Json.text(answer, "messageId"));
        out.printf("  from         %s partition %s offset %s%n", Json.text(answer, "topic"),
                Json.text(answer, "partition"), Json.text(answer, "offset"));
        out.printf("  sent again   %s partition %s offset %s%n", Json.text(answer, "topic"),
                Json.text(answer, "partition"), Json.text(answer, "sentAsOffset"));
        boolean consumed = "true".equals(Json.text(answer, "consumed"));
        out.printf("  consumed     %s%n", consumed
                ? "yes: group %s committed past offset %s within %.1f s".formatted(Json.text(answer, "group"),
                        Json.text(answer, "sentAsOffset"), Long.parseLong(Json.text(answer, "waitedMillis")) / 1000.0)
                : "not yet: group %s has not committed past offset %s (is the listener broken, or the service busy?)"
                        .formatted(Json.text(answer, "group"), Json.text(answer, "sentAsOffset")));
        if (consumed && "true".equals(Json.text(answer, "ignored"))) {
            out.printf("  duplicate    no: this listener has no handler for %s; passed over, nothing done or recorded%n",
                    Json.text(answer, "messageType"));
        } else if (consumed) {
            out.printf("  duplicate    %s%n", switch (String.valueOf(Json.text(answer, "skippedAsDuplicate"))) {
                case "true" -> "yes: skipped by the idempotent inbox, nothing done twice";
                case "false" -> "no: handled again (is consume-without-idempotency switched on?)";
                default -> "not seen by this instance (another instance took it, or it failed and was parked)";
            });
        }
    }

    void rebuilt(String service, Management.Rebuilt rebuilt) {
        var before = rebuilt.before();
        var after = rebuilt.after();
        out.printf("%s: %s rebuilt from %s%n", service, Json.text(after, "readModel"), Json.text(after, "source"));
        out.printf("  before       %s rows from %s events, digest %s%n", Json.text(before, "rows"),
                Json.text(before, "eventsRead"), abbreviated(Json.text(before, "digest")));
        out.printf("  after        %s rows from %s events, digest %s%n", Json.text(after, "rows"),
                Json.text(after, "eventsRead"), abbreviated(Json.text(after, "digest")));
        // What the rebuild put right, where the service says (payment-service's balances).
        for (Object corrected : Json.listAt(rebuilt.answer(), "corrected")) {
            out.printf("  corrected    %s: %s stored, %s in its ledger%n", Json.text(corrected, "customerId"),
                    Json.money(corrected, "stored"), Json.money(corrected, "folded"));
        }
        out.printf("  caught up    %s%n", rebuilt.caughtUp()
                ? "in %.1f s".formatted(rebuilt.millis() / 1000.0)
                : "not yet after %.1f s: %s events still to read".formatted(rebuilt.millis() / 1000.0, Json.text(after, "behind")));
        if (rebuilt.caughtUp()) {
            out.printf("  equal        %s%n", rebuilt.equal() ? "yes: the same rows as before"
                    : Json.text(before, "eventsRead").equals(Json.text(after, "eventsRead"))
                            ? "no: the same events gave other rows (was the read model broken before?)"
                            : "no: events were written while it rebuilt (rebuild on a quiet stack to compare)");
        }
    }

    private static String abbreviated(String digest) {
        return digest == null || digest.length() < 12 ? String.valueOf(digest) : digest.substring(0, 12);
    }

    /**
     * Per topic: each partition's record count, then a row per consumer group with, under each
     * partition, the instance and thread that hold it and how far behind the group is there.
     */
    void partitions(Map<String, Partitions.Topic> topics) {
        if (topics.isEmpty()) {
            out.println("No service answered: is the playground up?");
            return;
        }
        topics.values().forEach(topic -> {
            out.printf("%s: %d partitions, %d records%n", topic.topic(), topic.ends().size(),
                    topic.ends().stream().mapToLong(Long::longValue).sum());
            out.printf("  %-24s", "partition");
            for (int p = 0; p < topic.ends().size(); p++) {
                out.printf(" %-9d", p);
            }
            out.printf("%n  %-24s", "records");
            topic.ends().forEach(end -> out.printf(" %-9d", end));
            out.println();
            topic.readers().forEach(reader -> {
                out.printf("  %-24s", reader.group() + (reader.rebalancing() ? " (rebalancing)" : ""));
                reader.cells().forEach(cell -> out.printf(" %-9s", cell.instance() == null ? "-"
                        : "#" + instanceNumber(cell.instance()) + "." + cell.thread() + (cell.lag() > 0 ? " +" + cell.lag() : "")));
                out.println();
            });
            out.println();
        });
        out.println("Key of every record: " + Partitions.KEY + ".");
        out.println("Under each partition: #instance.thread of the group's consumer that holds it (#2: the service's second"
                + " instance), +N when N records wait there; '-' while nobody holds it (a rebalance).");
    }

    /** inventory-service-2 is instance 2; a service's first instance has no number in its name; ? for an unknown one. */
    private static String instanceNumber(String instance) {
        if (instance.startsWith("?")) {
            return "?";
        }
        var number = java.util.regex.Pattern.compile("-(\\d+)$").matcher(instance);
        return number.find() ? number.group(1) : "1";
    }
}
