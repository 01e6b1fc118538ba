package com.example.playground.scenario;

import static com.example.playground.scenario.RunningPlayground.pause;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transactional outbox across a broker outage: orders are accepted meanwhile, and every one ends. */
final class KafkaOutageScenario implements Scenario {

    private static final int ORDERS = 6;

    @Override
    public String name() {
        return "kafka-outage";
    }

    @Override
    public String shows() {
        return "the Kafka broker stops and comes back: orders placed meanwhile are accepted, none is lost, all end";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        List<String> orders = new ArrayList<>();
        Instant stopped = Instant.now();
        p.supervisor().stop("kafka");
        Instant back;
        try {
            for (int i = 0; i < ORDERS; i++) {
                RunningPlayground.orderId(p.placeOrder(i % 2 == 0 ? "orchestration" : "choreography"))
                        .ifPresent(orders::add);
            }
            report.check("orders are accepted while the broker is down (each stored with its event in the outbox)",
                    orders.size() == ORDERS, orders.size() + " of " + ORDERS + " accepted");
        } finally {
            p.supervisor().start("kafka", Duration.ofMinutes(3));
            back = Instant.now();
        }
        report.figure("broker down for %.1f s; %d orders placed meanwhile (both saga styles)",
                Duration.between(stopped, back).toMillis() / 1000.0, orders.size());
        List<String> pending = new ArrayList<>(orders);
        int approved = 0;
        while (!pending.isEmpty() && Duration.between(back, Instant.now()).toSeconds() < 120) {
            for (String id : List.copyOf(pending)) {
                String status = p.orderStatus(id);
                if (status != null && !status.equals("PENDING")) {
                    pending.remove(id);
                    approved += status.equals("APPROVED") ? 1 : 0;
                }
            }
            pause(500);
        }
        long tookSeconds = Duration.between(back, Instant.now()).toSeconds();
        report.check("once the broker is back every one of them ends: none lost, none stuck PENDING",
                pending.isEmpty() && !orders.isEmpty(),
                "%d of %d ended within %d s of the broker's return".formatted(orders.size() - pending.size(),
                        orders.size(), tookSeconds));
        report.check("and they end as they would have without the outage: APPROVED", approved == orders.size(),
                approved + " APPROVED");
    }
}
