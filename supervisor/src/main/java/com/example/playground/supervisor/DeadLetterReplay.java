package com.example.playground.supervisor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./playground dead-letters replay <service> [--topic T]}: every message the service parked
 * on a dead-letter topic that nobody has decided on yet is, in order, either put back on its topic
 * or refused, after its order's saga was asked ({@link SagaGuard}). The service keeps the decisions
 * (each parked message is decided on once); this prints each one and why.
 */
public final class DeadLetterReplay {

    /** What was done with one parked message. */
    public record Decision(String topic, int partition, long offset, String orderId, String messageType,
                           boolean replayed, String reason) {
    }

    private final Management management;
    private final SagaGuard guard;
    private final PrintStream out;

    public DeadLetterReplay(Management management, Stack stack, PrintStream out) {
        this(management, new SagaGuard(stack.gatewayPort()), out);
    }

    DeadLetterReplay(Management management, SagaGuard guard, PrintStream out) {
        this.management = management;
        this.guard = guard;
        this.out = out;
    }

    /** Decides on every waiting message of the service (of one topic, or of all it reads), oldest first. */
    public List<Decision> replay(String service, String topic) {
        List<Decision> decisions = new ArrayList<>();
        Set<String> decided = new HashSet<>();
        // The service answers a page at a time; ask again until nothing new waits.
        List<Object> waiting = management.waitingDeadLetters(service, topic);
        while (waiting.stream().anyMatch(parked -> !decided.contains(place(parked)))) {
            for (Object parked : waiting) {
                if (decided.add(place(parked))) {
                    decisions.add(decide(service, parked));
                }
            }
            waiting = management.waitingDeadLetters(service, topic);
        }
        long replayed = decisions.stream().filter(Decision::replayed).count();
        String where = topic == null ? "" : " on " + topic + ".dlt";
        if (decisions.isEmpty()) {
            out.printf("%s: no parked message waits%s.%n", service, where);
        } else {
            out.printf("%s: %d replayed, %d refused%s.%n", service, replayed, decisions.size() - replayed, where);
        }
        return decisions;
    }

    private Decision decide(String service, Object parked) {
        String topic = Json.text(parked, "topic");
        int partition = Integer.parseInt(Json.text(parked, "partition"));
        long offset = Long.parseLong(Json.text(parked, "offset"));
        String orderId = Json.text(parked, "orderId");
        String type = Json.text(parked, "messageType");
        SagaGuard.Verdict verdict = guard.judge(orderId);
        Object done = management.decideDeadLetter(service, topic, partition, offset, verdict.replay());
        // A poison record may have neither a type nor a key: say so rather than print "null".
        String what = (type == null ? "a message of no known type" : type)
                + (orderId == null ? " without an order id" : " of order " + orderId);
        out.printf("%s: %s.dlt offset %d: %s %s%n", service, topic, offset, what,
                verdict.replay() ? "REPLAYED onto %s (partition %s, offset %s): %s".formatted(topic,
                        Json.text(done, "sentToPartition"), Json.text(done, "sentToOffset"), verdict.reason())
                        : "REFUSED: " + verdict.reason());
        return new Decision(topic, partition, offset, orderId, type, verdict.replay(), verdict.reason());
    }

    private static String place(Object parked) {
        return Json.text(parked, "topic") + "/" + Json.text(parked, "partition") + "/" + Json.text(parked, "offset");
    }
}
