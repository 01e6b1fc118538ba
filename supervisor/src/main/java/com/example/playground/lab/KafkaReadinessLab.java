package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Planted bug, in settings: order-service counts the Kafka broker in its readiness, so a broker
 * outage takes it out of Eureka and the shop refuses orders that the outbox would have kept.
 */
final class KafkaReadinessLab implements Lab {

    private static final String SERVICE = "order-service";
    private static final String READINESS = "management.endpoint.health.group.readiness.include";
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Override
    public About about() {
        return new About("kafka-readiness", "The broker outage that closes the shop", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "While the Kafka broker is down, orders must still be taken (201): the outbox keeps their events until"
                + " it is back. Today the gateway answers 503 within seconds of the outage. Find the setting, fix it.";
    }

    @Override
    public String firstStep() {
        return "Stop the broker (./playground kafka stop), place an order every few seconds, and watch order-service's"
                + " readiness on its management port; then ./playground kafka start.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "order-service is running, yet the gateway says it is unavailable. Who tells the gateway which instances"
                        + " may take traffic?",
                "Eureka hears order-service's readiness: ask its management port for /actuator/health/readiness while the"
                        + " broker is down. What does the readiness group include?",
                "./playground config show order-service and ./playground config diff order-service show what differs from"
                        + " the packaged settings.",
                "Readiness should hold only what order-service cannot work without: its database. Put the packaged group"
                        + " back with ./playground config reset order-service " + READINESS);
    }

    @Override
    public String solution() {
        return """
                order-service's readiness group included kafka (management.endpoint.health.group.readiness.include=
                readinessState,db,kafka, in its settings overlay). When the broker went away, readiness went DOWN,
                ReadinessToEureka took order-service out of Eureka, and the gateway had nobody to send orders to: 503.
                But order-service does not need Kafka to take an order: the order and its event are written in one
                transaction to its database (the outbox), and the relay publishes when the broker is back. Readiness
                is "can I do my job now?", so it holds only what the job needs (readinessState,db); Kafka stays on
                /actuator/health for people to see. Fix: ./playground config reset order-service""" + " " + READINESS;
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of("order-service", Map.of(READINESS, "readinessState,db,kafka"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        bench.supervisor().stop("kafka");
        int placed = 0;
        int refused = 0;
        boolean kafkaSeenDown = false;
        boolean readyThroughout = true;
        try {
            Instant until = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(until)) {
                Http.Answer answer = p.placeOrder();
                placed += answer.status() == 201 ? 1 : 0;
                refused += answer.status() == 201 ? 0 : 1;
                Object health = p.management().health(SERVICE, null);
                kafkaSeenDown |= "DOWN".equals(Json.text(health, "components", "kafka", "status"));
                readyThroughout &= "UP".equals(Json.text(p.management().health(SERVICE, "readiness"), "status"));
                RunningPlayground.pause(2000);
            }
        } finally {
            bench.supervisor().start("kafka", LabBench.READY);
        }
        verdict.expect(kafkaSeenDown, "order-service saw the broker DOWN on /actuator/health",
                "order-service never reported the broker DOWN in " + OUTAGE.toSeconds() + " s; run the check again");
        verdict.expect(readyThroughout, "order-service stayed ready (UP on /actuator/health/readiness) without Kafka",
                "order-service's readiness went DOWN while only the broker was away: it then leaves Eureka");
        verdict.expect(refused == 0, "all " + placed + " orders during the outage were taken (201)",
                refused + " of " + (placed + refused) + " orders during the broker outage were refused; the outbox could"
                        + " have taken every one");
    }
}
