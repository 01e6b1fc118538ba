package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distributed monolith, measured: with payment-service killed, orders placed the playground's way
 * (the saga asks payment-service over Kafka later) are all accepted and end APPROVED once it is back;
 * with order-service's {@code distributed-monolith} switch on (placing an order asks payment-service
 * synchronously) none is accepted. With everything up, it also measures what the synchronous call adds
 * to placing an order.
 */
final class DistributedMonolithScenario implements Scenario {

    private static final String SWITCH = "distributed-monolith";
    private static final String PAYMENT = "payment-service";
    private static final int ORDERS = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "distributed-monolith";
    }

    @Override
    public String shows() {
        return "payment-service killed: orders placed the asynchronous way are all accepted and end APPROVED once it is back;"
                + " with distributed-monolith on (placing asks payment-service synchronously) none is accepted";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        List<Long> apart = placingTimes(p, false);
        List<Long> coupled = placingTimes(p, true);
        report.figure("placing an order, payment-service up: median %d ms the asynchronous way, %d ms with %s on"
                + " (one synchronous call more)", median(apart), median(coupled), SWITCH);

        p.supervisor().kill(PAYMENT);
        List<String> accepted = new ArrayList<>();
        int refusedOff = place(p, ORDERS, accepted, new LinkedHashMap<>());
        p.management().setSwitch("order-service", SWITCH, true);
        Map<String, Integer> refusals = new LinkedHashMap<>();
        List<String> acceptedCoupled = new ArrayList<>();
        try {
            place(p, ORDERS, acceptedCoupled, refusals);
        } finally {
            p.management().setSwitch("order-service", SWITCH, false);
        }
        report.figure("payment-service killed: %d of %d orders accepted the asynchronous way, %d of %d with %s on (refused: %s)",
                accepted.size(), ORDERS, acceptedCoupled.size(), ORDERS, SWITCH, refusals);

        p.say("Starting payment-service again; the orders accepted meanwhile should now end...");
        p.supervisor().start(PAYMENT, PATIENCE);
        Instant back = Instant.now();
        long approved = accepted.stream().map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(90)))
                .filter("APPROVED"::equals).count();
        report.figure("payment-service ready again: the %d orders accepted while it was down had all ended %d ms later",
                accepted.size(), Duration.between(back, Instant.now()).toMillis());

        report.check("with payment-service down, every order is accepted the asynchronous way",
                accepted.size() == ORDERS, accepted.size() + " of " + ORDERS + " accepted, " + refusedOff + " refused");
        report.check("with " + SWITCH + " on and payment-service down, no order is accepted", acceptedCoupled.isEmpty()
                && refusals.getOrDefault("503 dependency-unavailable", 0) == ORDERS,
                acceptedCoupled.size() + " of " + ORDERS + " accepted; refused: " + refusals);
        report.check("the orders accepted while payment-service was down are APPROVED once it is back",
                !accepted.isEmpty() && approved == accepted.size(), approved + " of " + accepted.size() + " APPROVED");
    }

    /** Places orders one after another: the ids of those accepted, refusals counted by status and problem type. */
    private static int place(RunningPlayground p, int count, List<String> accepted, Map<String, Integer> refusals) {
        int refused = 0;
        for (int i = 0; i < count; i++) {
            Http.Answer answer = p.placeOrder("orchestration");
            var id = RunningPlayground.orderId(answer);
            if (id.isPresent()) {
                accepted.add(id.get());
            } else {
                refused++;
                String type = String.valueOf(Json.text(answer.json(), "type"));
                refusals.merge(answer.status() + " " + type.substring(type.lastIndexOf(':') + 1), 1, Integer::sum);
            }
        }
        return refused;
    }

    /** How long placing an order takes (the POST's answer), five times, with the switch off or on. */
    private static List<Long> placingTimes(RunningPlayground p, boolean coupled) {
        p.management().setSwitch("order-service", SWITCH, coupled);
        try {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Http.Answer answer = p.placeOrder("orchestration");
                if (i > 0 && answer.status() == 201) {
                    times.add(answer.took().toMillis());
                }
            }
            return times;
        } finally {
            p.management().setSwitch("order-service", SWITCH, false);
        }
    }

    private static long median(List<Long> values) {
        return values.isEmpty() ? -1 : values.stream().sorted().toList().get(values.size() / 2);
    }

    /** payment-service started if the run left it dead, the switch off with every other fault. */
    @Override
    public void heal(RunningPlayground p) {
        p.supervisor().start(PAYMENT, PATIENCE);
        p.healEverything();
    }
}
