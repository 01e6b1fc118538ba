package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.ConsoleProducer;
import com.example.playground.supervisor.DeadLetterReplay;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Observe: two kinds of dead letters. A poison message (not JSON), which {@code lab start} puts on
 * inventory.commands, is parked at once and inventory-service goes on; a good payment command,
 * parked after its retries because payment.commands was broken, is replayed once healed while its
 * saga still runs, and the order ends APPROVED. The attendee answers with the poison's message-id.
 */
final class PoisonAndParkedLab implements Lab {

    static final String POISON_TOPIC = "inventory.commands";
    private static final String PAYMENT = "payment-service";
    private static final String PAYMENT_TOPIC = "payment.commands";
    /** Long enough to type the steps: a saga waits this long for each reply (60 s packaged). */
    static final String SAGA_DEADLINE = "300s";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public About about() {
        return new About("poison-and-parked", "Poison and parked messages", Level.INTERMEDIATE, 25);
    }

    @Override
    public String goal() {
        return "Find the poison message lab start put on inventory.commands (parked at once; answer with its message-id),"
                + " then get a good payment command parked by a failure and put it back with a replay while its saga"
                + " still runs: its order must end APPROVED.";
    }

    @Override
    public String firstStep() {
        return "./playground dead-letters inventory-service: what is parked on inventory.commands.dlt, and why?";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "./playground dead-letters inventory-service lists what inventory-service parked, newest first, with each"
                        + " message's messageId and the error that parked it. The poison one's payload is not JSON.",
                "Did inventory-service go on after the poison? Place an order and look at its reservation:"
                        + " curl -s \"http://127.0.0.1:8080/api/inventory/reservations?orderId=ORDER_ID\"",
                "Park a good message: ./playground break payment-service --target payment.commands --error-rate 1, then"
                        + " place an order. After 4 attempts its AuthorizePaymentCommand is on payment.commands.dlt"
                        + " (./playground dead-letters payment-service); the order stays PENDING.",
                "Heal first (./playground heal payment-service), then ./playground dead-letters replay payment-service"
                        + " within the saga's 5 minutes; answer with the poison's id:"
                        + " ./playground lab check poison-and-parked --answer MESSAGE_ID");
    }

    @Override
    public String solution() {
        return """
                ./playground dead-letters inventory-service             # the poison: payload {not json, its messageId
                ./playground break payment-service --target payment.commands --error-rate 1
                curl -s -X POST http://127.0.0.1:8080/api/orders -H 'Content-Type: application/json' \\
                     -d '{"customerId":"alice","items":[{"sku":"pen","quantity":1}],"saga":"orchestration"}'
                ./playground dead-letters payment-service               # its AuthorizePaymentCommand, parked
                ./playground heal payment-service
                ./playground dead-letters replay payment-service        # REPLAYED: order PENDING, its saga RUNNING
                curl -s http://127.0.0.1:8080/api/orders/ORDER_ID        # APPROVED
                ./playground lab check poison-and-parked --answer MESSAGE_ID
                A message that cannot parse will never parse: it is parked at once, and the listener goes on with
                the next record (the order's stock was reserved). A good message that failed for a passing reason
                is parked after 4 attempts; once the cause is healed, the replay puts it back with its own
                message-id, after asking the saga: still RUNNING, so the payment is authorised and the order
                approved. Had the saga given up (COMPENSATING, ROLLED_BACK), the replay would refuse it.""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of("saga-orchestrator", Map.of("playground.saga.step-timeout", SAGA_DEADLINE));
    }

    /** The poison message, with a message-id made up now: the answer differs from run to run. */
    @Override
    public void start(LabBench bench) {
        String id = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("message-type", "ReserveStockCommand");
        headers.put("message-id", id);
        new ConsoleProducer(bench.supervisor()).send(POISON_TOPIC, headers, "{not json");
        RunningPlayground.awaitUntil(() -> poison(bench.playground()), parked -> parked.filter(x -> id.equals(x.messageId()))
                .isPresent(), Duration.ofSeconds(20));
        bench.out().println("A message that is not JSON was put on " + POISON_TOPIC + ".");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Optional<Parked> poison = poison(p);
        if (!verdict.expect(poison.isPresent(), poison.map(x -> "a poison message was parked on " + POISON_TOPIC
                        + ".dlt at " + CLOCK.format(x.parkedAt()) + ": " + x.reason()).orElse(""),
                "no poison message is parked on " + POISON_TOPIC + ".dlt: lab start puts one there; start the lab again")) {
            return;
        }
        List<PlacedOrder> orders = PlacedOrder.all(p);
        Optional<PlacedOrder> after = orders.stream()
                .filter(order -> order.createdAt() != null && order.createdAt().isAfter(poison.get().parkedAt()))
                .filter(order -> reserved(p, order.id())).findFirst();
        verdict.expect(after.isPresent(), after.map(order -> "inventory-service went on: order " + order.id()
                        + ", placed after the poison, had its stock reserved").orElse(""),
                orders.isEmpty() ? "no order has been placed since the poison message was parked: place one and see"
                        + " whether inventory-service still reserves stock"
                        : "no order placed after the poison message has had its stock reserved yet");
        replayed(p, orders, verdict);
        Map<String, Object> broken = p.management().broken(PAYMENT);
        verdict.expect(broken.isEmpty(), "nothing is broken on " + PAYMENT,
                PAYMENT + " still has " + String.join(", ", broken.keySet()) + " broken: ./playground heal " + PAYMENT);
        Optional<String> answer = bench.answer();
        if (!verdict.expect(answer.isPresent(), "you answered " + answer.orElse(""),
                "answer the question: what is the poison message's message-id? ./playground lab check " + name()
                        + " --answer MESSAGE_ID")) {
            return;
        }
        verdict.expect(answer.get().equalsIgnoreCase(poison.get().messageId()),
                "the poison message's id is " + poison.get().messageId(),
                "'" + answer.get() + "' is not the poison message's message-id: look at the newest message on "
                        + POISON_TOPIC + ".dlt (./playground dead-letters inventory-service)");
    }

    /** An order whose payment command was parked since the lab started is APPROVED: it was replayed. */
    private static void replayed(RunningPlayground p, List<PlacedOrder> orders, Verdict verdict) {
        List<Parked> letters = parked(p, PAYMENT, PAYMENT_TOPIC);
        List<PlacedOrder> parked = orders.stream()
                .filter(order -> letters.stream().anyMatch(letter -> order.id().equals(letter.key()))).toList();
        Optional<PlacedOrder> approved = parked.stream().filter(order -> "APPROVED".equals(order.status())).findFirst();
        String wrong;
        if (parked.isEmpty()) {
            wrong = "no order's payment command has been parked since the lab started: break " + PAYMENT_TOPIC
                    + " (./playground break " + PAYMENT + " --target " + PAYMENT_TOPIC + " --error-rate 1) and place an"
                    + " order";
        } else if (parked.stream().anyMatch(order -> "PENDING".equals(order.status()))) {
            wrong = "order " + parked.get(0).id() + "'s payment command waits on " + PAYMENT_TOPIC + ".dlt and the order"
                    + " is PENDING: heal " + PAYMENT + ", then ./playground dead-letters replay " + PAYMENT;
        } else {
            wrong = "order " + parked.get(0).id() + " is " + parked.get(0).status() + ": its saga gave up before its"
                    + " payment command was replayed (a refused replay). Park another and replay it sooner";
        }
        verdict.expect(approved.isPresent(), approved.map(order -> "order " + order.id() + "'s payment command was"
                + " parked and replayed: the order is APPROVED").orElse(""), wrong);
    }

    /** One message a service parked, as its {@code /actuator/deadletters} shows it. */
    record Parked(String key, String type, String messageId, String error, String payload, Instant parkedAt) {

        /** Why it was parked, without the listener's signature that Spring Kafka puts first. */
        String reason() {
            String said = String.valueOf(error);
            int cause = said.lastIndexOf("threw exception; ");
            return cause < 0 ? said : said.substring(cause + "threw exception; ".length());
        }

        boolean poison() {
            try {
                Json.parse(payload);
                return false;
            } catch (RuntimeException e) {
                return true;
            }
        }
    }

    /** The newest messages the service parked from this topic, newest first. */
    static List<Parked> parked(RunningPlayground p, String service, String topic) {
        Object all = Json.parse(p.management().deadLetters(service));
        return Json.listAt(all, topic + ".dlt", "latest").stream()
                .map(x -> new Parked(Json.text(x, "key"), Json.text(x, "type"), Json.text(x, "messageId"),
                        Json.text(x, "error"), Json.text(x, "payload"), Instant.parse(Json.text(x, "parkedAt"))))
                .toList();
    }

    /** The newest message on inventory.commands.dlt whose payload is not JSON. */
    static Optional<Parked> poison(RunningPlayground p) {
        return parked(p, "inventory-service", POISON_TOPIC).stream().filter(Parked::poison).findFirst();
    }

    private static boolean reserved(RunningPlayground p, String orderId) {
        Http.Answer answer = p.get("/api/inventory/reservations?orderId=" + orderId);
        return answer.ok() && !Json.listAt(Json.parse(answer.body())).isEmpty();
    }

    /** What an attendee does: read the poison's id, park a payment command, heal, replay, wait for APPROVED. */
    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        Optional<Parked> poison = poison(p);
        p.breakTarget(PAYMENT, PAYMENT_TOPIC, Map.of("error-rate", 1));
        Optional<String> orderId = RunningPlayground.orderId(p.placeOrder("orchestration"));
        orderId.ifPresent(id -> RunningPlayground.awaitUntil(() -> parked(p, PAYMENT, PAYMENT_TOPIC),
                letters -> letters.stream().anyMatch(letter -> id.equals(letter.key())), Duration.ofSeconds(30)));
        p.management().heal(PAYMENT);
        if (orderId.isEmpty()) {
            bench.out().println("The order was not placed: is the stack well? ./playground status");
            return;
        }
        new DeadLetterReplay(p.management(), bench.supervisor().stack(), bench.out()).replay(PAYMENT, PAYMENT_TOPIC);
        String status = RunningPlayground.awaitUntil(() -> p.orderStatus(orderId.get()), now -> !"PENDING".equals(now),
                Duration.ofSeconds(30));
        bench.out().printf("Order %s is %s.%n", orderId.get(), status);
        // A service built before dead letters showed their message-id has none to give: nothing to keep then.
        poison.map(Parked::messageId).ifPresent(id -> {
            bench.out().printf("The answer: %s (kept for 'lab check %s' without --answer)%n", id, name());
            bench.saveAnswer(name(), id);
        });
    }
}
