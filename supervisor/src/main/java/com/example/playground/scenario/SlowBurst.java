package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Partitions;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A burst of orders that one instance of inventory-service handles too slowly, and what the control
 * room's autoscaler did about it: the auto-scaling scenario's run and the auto-scaling lab's check.
 * Each instance handles a stock command 400 ms slower than usual (a latency fault on its listener,
 * set on every instance, a new one as soon as it is up: the slow warehouse call that makes one
 * instance too few). Orders come at 9 a second for 30 s, open loop, and two GETs of inventory-service
 * a second go on until the autoscaler has scaled back in (or the time is up). Up to ~270 orders of
 * customer bench, who has the credit.
 */
public final class SlowBurst {

    public static final String SERVICE = "inventory-service";
    public static final String SECOND = SERVICE + "-2";
    public static final String TOPIC = "inventory.commands";
    /** What the autoscaler's rule of scaling out waits for (ScalingPolicy.OUT_LAG). */
    public static final long LAG = 20;
    /**
     * One instance: 3 listener threads at 400 ms a command, 7.5 a second; the burst brings 9, so the lag
     * grows by about 1.5 a second, and a command waits seconds, not the saga's step deadline (20 s in the
     * system tests).
     */
    private static final Map<String, String> SLOW = Map.of("latency", "400");
    public static final int RATE = 9;
    public static final Duration BURST = Duration.ofSeconds(30);
    /** How long after the burst it waits for the scale-in, at most. */
    private static final Duration AFTER = Duration.ofSeconds(105);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Http HTTP = new Http(Duration.ofSeconds(3));

    /** An autoscaler's step: decided, done (the stack that size, or given up on), and why it failed if it did. */
    public record Step(Instant decided, Instant done, String failure) {
    }

    /**
     * What the burst measured. Moments are null for what did not happen; {@code holds} is when the
     * second instance first held partitions of {@link #TOPIC}.
     */
    public record Result(Instant start, int orders, int refused, long approved, Duration medianWait, Duration slowestWait,
            int gets, int failedGets, long peak,
            Instant lagPassed, Optional<Step> out, Instant holds, Instant burstEnded, Optional<Step> in, String sku,
            long stockBefore, long stockAfter, boolean secondStillRuns) {

        public Duration outTook() {
            return lagPassed != null && out.isPresent() ? Duration.between(lagPassed, out.get().done()) : null;
        }

        public Duration inTook() {
            return in.isPresent() ? Duration.between(burstEnded, in.get().done()) : null;
        }

        public String at(Instant moment) {
            return moment == null ? "never" : "%.1f s".formatted(Duration.between(start, moment).toMillis() / 1000.0);
        }
    }

    private SlowBurst() {
    }

    /** The SKU with more in stock, and whether there is enough of it for a burst. */
    public static String sku(RunningPlayground p) {
        return available(p, "book") >= available(p, "pen") ? "book" : "pen";
    }

    public static boolean enoughStock(RunningPlayground p, String sku) {
        return available(p, sku) >= RATE * BURST.toSeconds() + 30;
    }

    /** The burst, on a stack that runs inventory-service once, under whatever rule is in force. */
    public static Result run(RunningPlayground p, String sku) {
        Supervisor found = p.supervisor();
        long stockBefore = available(p, sku);
        p.management().breakTarget(SERVICE, TOPIC, SLOW);
        p.say("Orders at " + RATE + " a second for " + BURST.toSeconds() + " s, each stock command 400 ms slower...");
        Supervisor two = found.scaled(SERVICE, 2);
        OrderBurst burst = new OrderBurst(p, sku, RATE, BURST);
        Instant start = Instant.now();
        Instant lagPassed = null;
        Instant holds = null;
        long peak = 0;
        boolean secondSlowed = false;
        try {
            burst.start();
            Instant until = start.plus(BURST).plus(AFTER);
            while (Instant.now().isBefore(until) && !(holds != null && stepTo(found, 1, start).isPresent())) {
                // Read here, not from the autoscaler's view, which stands still while it takes a step.
                Map<String, Partitions.Topic> topics = new Partitions().read(two);
                long lag = Partitions.lagOf(topics, SERVICE).orElse(0);
                peak = Math.max(peak, lag);
                if (lagPassed == null && lag >= LAG) {
                    lagPassed = Instant.now();
                }
                if (!secondSlowed && two.isRunning(SECOND) && stepTo(found, 2, start).isPresent()) {
                    two.management().breakTarget(SECOND, TOPIC, SLOW);
                    secondSlowed = true;
                }
                if (holds == null && secondSlowed && heldBySecond(topics) > 0) {
                    holds = Instant.now();
                }
                if (!burst.running() && !secondSlowed && lag == 0) {
                    break; // no instance was added, and the lag is gone: nothing more to watch
                }
                pause(500);
            }
        } finally {
            burst.finish();
        }
        List<Object> ended = burst.orders().stream().map(id -> ended(p, id)).toList();
        long approved = ended.stream().filter(o -> "APPROVED".equals(Json.text(o, "status"))).count();
        // From order-service's own timestamps: placed, and last changed (its outcome).
        List<Duration> waits = ended.stream().filter(o -> Json.text(o, "updatedAt") != null)
                .map(o -> Duration.between(Instant.parse(Json.text(o, "createdAt")), Instant.parse(Json.text(o, "updatedAt"))))
                .toList();
        return new Result(start, ended.size(), burst.refused(), approved, waits.isEmpty() ? null
                : RunningPlayground.percentile(waits, 50), waits.isEmpty() ? null : RunningPlayground.percentile(waits, 100),
                burst.gets(), burst.failedGets(), peak, lagPassed, stepTo(found, 2, start), holds, burst.ended(),
                stepTo(found, 1, start), sku, stockBefore, available(p, sku), two.isRunning(SECOND));
    }

    /**
     * A step under way finished (two 'up's at once would start the same instance twice), and every fault
     * healed in whatever runs now. Nothing is started: the autoscaler may have stopped an instance on purpose.
     */
    public static void heal(RunningPlayground p) {
        Supervisor found = p.supervisor();
        awaitIdle(found);
        Supervisor three = found.scaled(SERVICE, 3);
        for (String service : three.runningServices()) {
            try {
                three.management().heal(service);
            } catch (RuntimeException e) {
                // Best effort: an instance that stopped meanwhile has nothing broken.
            }
        }
    }

    /**
     * Until the control room's autoscaler has begun a tick since this call and takes no step (at most
     * 3 min): a tick that began later has read the rules as they are now. At once if the control room is down.
     */
    public static void awaitIdle(Supervisor stack) {
        Instant since = Instant.now();
        RunningPlayground.awaitUntil(() -> autoscaler(stack), v -> v.isEmpty()
                || (!"true".equals(Json.text(v.get(), "acting")) && Instant.parse(Json.text(v.get(), "tick")).isAfter(since)),
                PATIENCE);
    }

    /** What the control room's autoscaler says now ({@code GET /api/autoscaler}), or empty if the control room is down. */
    public static Optional<Object> autoscaler(Supervisor stack) {
        Http.Answer answer = HTTP.get(Http.local(stack.stack().controlRoomPort(), "/api/autoscaler"));
        return answer.ok() ? Optional.of(answer.json()) : Optional.empty();
    }

    /** Whether the autoscaler follows this rule now (it reads the rules once a second). */
    public static boolean follows(Supervisor stack, String rule) {
        return RunningPlayground.awaitUntil(() -> autoscaler(stack),
                v -> v.isPresent() && Json.listAt(v.get(), "rules").contains(rule), Duration.ofSeconds(10))
                .map(v -> Json.listAt(v, "rules").contains(rule)).orElse(false);
    }

    /** The autoscaler's step of the service to this count, decided since the burst started. */
    private static Optional<Step> stepTo(Supervisor stack, int to, Instant since) {
        return autoscaler(stack).flatMap(v -> Json.listAt(v, "steps").stream()
                .filter(s -> SERVICE.equals(Json.text(s, "service")) && String.valueOf(to).equals(Json.text(s, "to")))
                .map(s -> new Step(Instant.parse(Json.text(s, "decided")), Instant.parse(Json.text(s, "done")),
                        Json.text(s, "failure")))
                .filter(s -> !s.decided().isBefore(since)).findFirst());
    }

    private static long heldBySecond(Map<String, Partitions.Topic> topics) {
        Partitions.Topic topic = topics.get(TOPIC);
        return topic == null ? 0 : topic.readers().stream().filter(r -> r.group().equals(SERVICE))
                .mapToLong(r -> r.heldBy(SECOND)).sum();
    }

    /** The order as the public API shows it once it has ended (at most 90 s), or its last answer. */
    private static Object ended(RunningPlayground p, String orderId) {
        return RunningPlayground.awaitUntil(() -> p.order(orderId),
                o -> o != null && Json.text(o, "status") != null && !"PENDING".equals(Json.text(o, "status")),
                Duration.ofSeconds(90));
    }

    private static long available(RunningPlayground p, String sku) {
        Http.Answer answer = p.get("/api/inventory/" + sku);
        return answer.ok() ? Long.parseLong(Json.text(answer.json(), "available")) : -1;
    }
}
