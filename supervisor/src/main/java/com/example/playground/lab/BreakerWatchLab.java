package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Observe: order-service's circuit breaker to inventory-service goes round, CLOSED to OPEN to
 * HALF_OPEN to CLOSED, while the attendee breaks inventory-service for it, places orders, heals it
 * and places a few more. The check reads the breaker's and the retry's events on order-service's
 * management port; the attendee's answer is how many orders it took to open it.
 */
final class BreakerWatchLab implements Lab {

    private static final String SERVICE = "order-service";
    private static final String BREAKER = "inventory-service";
    /** A trial call through the half-open breaker: its three succeed, it closes. */
    private static final int TRIAL_CALLS = 3;

    @Override
    public About about() {
        return new About("breaker-watch", "Watch a circuit breaker open and close", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "Make order-service's circuit breaker to inventory-service go round: break inventory-service for it,"
                + " place orders until the breaker is OPEN, heal it, and watch it go HALF_OPEN, then CLOSED. Count how"
                + " many orders it took to open it.";
    }

    @Override
    public String firstStep() {
        return "./playground break order-service --target inventory-service --error-rate 1; then place alice's orders"
                + " one at a time (see the page), and after each one look at the breaker:"
                + " curl -s http://127.0.0.1:8181/actuator/circuitbreakers";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The breaker's state is on order-service's management port: curl -s"
                        + " http://127.0.0.1:8181/actuator/circuitbreakers (inventory-service, state). The control room"
                        + " (http://127.0.0.1:8090/) shows it too.",
                "Read each order's answer: a 503 whose detail says 'its circuit breaker is open ... so it was not asked'"
                        + " was refused by the breaker. Count the orders you placed after breaking it, up to the first"
                        + " one after which the state reads OPEN.",
                "Why so few? Each order asks inventory-service up to 3 times (the retry), and the breaker judges the"
                        + " calls of the last 10 s once it has 5: /actuator/retryevents/inventory-service and"
                        + " /actuator/circuitbreakerevents/inventory-service on the same port list every attempt.",
                "OPEN rests inventory-service for 5 s, then HALF_OPEN lets 3 trial calls through: heal"
                        + " (./playground heal order-service), wait for HALF_OPEN, place 3 orders, and it is CLOSED."
                        + " Then: ./playground lab check " + name() + " --answer N (the orders it took)");
    }

    @Override
    public String solution() {
        return """
                ./playground break order-service --target inventory-service --error-rate 1
                Order 1: 503 "it did not answer": 3 attempts, 3 failed calls (fewer than the 5 the breaker waits for).
                Order 2: 2 more failed calls make 5 of 5 failing, the breaker opens, and the retry's third attempt is
                refused: 503 "its circuit breaker is open ... so it was not asked". It took 2 orders (from a breaker
                that had seen no good calls in the last 10 s; good calls just before need more failures to outweigh).
                ./playground heal order-service; 5 s after opening it is HALF_OPEN; 3 good orders close it.
                  ./playground lab check breaker-watch --answer 2""";
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        BreakerHistory history = history(p);
        int round = history.stepsRound();
        verdict.expect(round == BreakerHistory.ROUND.size(),
                "since the lab started its breaker went " + String.join(", ", history.path()),
                switch (round) {
                    case 0 -> SERVICE + "'s breaker to " + BREAKER + " has not opened since the lab started: break "
                            + BREAKER + " for it (--error-rate 1) and place orders";
                    case 1 -> "the breaker opened but has not gone HALF_OPEN yet: heal " + SERVICE + " and wait 5 s";
                    default -> "the breaker went HALF_OPEN but has not CLOSED again: with " + SERVICE + " healed, place "
                            + TRIAL_CALLS + " orders while it is HALF_OPEN";
                });
        String state = p.breakerState(SERVICE, BREAKER);
        verdict.expect("CLOSED".equals(state), "it is CLOSED now", "it is " + state + " now, not CLOSED");
        List<String> broken = bench.supervisor().runningServices().stream()
                .flatMap(service -> p.management().broken(service).entrySet().stream()
                        .map(e -> service + ": " + e.getKey() + " (" + e.getValue() + ")"))
                .toList();
        verdict.expect(broken.isEmpty(), "nothing is broken now",
                "still broken: " + String.join("; ", broken) + ". ./playground heal --all heals everything");
        OptionalInt took = history.ordersUntilOpen();
        if (took.isEmpty()) {
            return;
        }
        Optional<String> answer = bench.answer();
        verdict.expect(answer.isPresent() && isRight(Answers.numbers(answer.get()), took.getAsInt()),
                "it took " + took.getAsInt() + " orders to open it; you answered " + answer.orElse(""),
                answer.isEmpty()
                        ? "answer the question: how many orders did it take until the breaker opened? ./playground lab"
                                + " check " + name() + " --answer N"
                        : "'" + answer.get() + "' is not how many orders it took: count the orders you placed after"
                                + " breaking it, up to the first one after which the breaker was OPEN");
    }

    /**
     * One number: the orders up to the one the breaker opened in, or one more. An attendee who
     * watches the state (the control room refreshes every second or two) rather than the answers
     * can honestly see OPEN only after the next order; both counts are right.
     */
    static boolean isRight(List<Integer> numbers, int took) {
        return numbers.size() == 1 && (numbers.get(0) == took || numbers.get(0) == took + 1);
    }

    private static BreakerHistory history(RunningPlayground p) {
        return BreakerHistory.parse(p.management().get(SERVICE, "/actuator/circuitbreakerevents/" + BREAKER),
                p.management().get(SERVICE, "/actuator/retryevents/" + BREAKER));
    }

    /** What an attendee does: break, order until OPEN (counting), heal, wait for HALF_OPEN, three trial orders. */
    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        p.breakTarget(SERVICE, BREAKER, Map.of("error-rate", 1));
        int orders = 0;
        while (!"OPEN".equals(p.breakerState(SERVICE, BREAKER)) && orders < 20) {
            int status = p.placeOrder().status();
            orders++;
            bench.out().printf("order %d: %d, breaker %s%n", orders, status, p.breakerState(SERVICE, BREAKER));
        }
        p.management().heal(SERVICE);
        RunningPlayground.awaitUntil(() -> p.breakerState(SERVICE, BREAKER), "HALF_OPEN"::equals, Duration.ofSeconds(15));
        bench.out().println("breaker " + p.breakerState(SERVICE, BREAKER));
        for (int i = 1; i <= TRIAL_CALLS; i++) {
            bench.out().printf("trial order %d: %d, breaker %s%n", i, p.placeOrder().status(),
                    p.breakerState(SERVICE, BREAKER));
        }
        bench.out().printf("The answer: %d (kept for 'lab check %s' without --answer)%n", orders, name());
        bench.saveAnswer(name(), String.valueOf(orders));
    }
}
