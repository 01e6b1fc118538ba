package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.scenario.SlowBurst;
import com.example.playground.scenario.SlowBurst.Result;
import com.example.playground.supervisor.AutoscaleRule;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Auto-scaling: the attendee makes the playground scale inventory-service on its own
 * ({@code up --autoscale}), and finds out how far more instances help a consumer group: no further
 * than the topic's partitions. The check sends a {@link SlowBurst} and wants a step out and a step
 * back in, no order lost and none reserved twice; and the answer: 6 listener threads at most read
 * inventory.commands at once (its 6 partitions), so 2 instances of 3 threads each.
 */
final class TooFewHandsLab implements Lab {

    private static final String SERVICE = SlowBurst.SERVICE;
    private static final String ANSWER = "6,2";

    @Override
    public About about() {
        return new About("too-few-hands", "Too few hands", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "A burst of orders piles up behind inventory-service: each stock command takes 400 ms more, one instance"
                + " handles 7.5 a second and the burst brings 9. Make the playground add instances of inventory-service on"
                + " its own while the lag lasts and take them away after, losing no order. Then answer: how many listener"
                + " threads at most can read inventory.commands at once, and so how many instances at most make it faster?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/auto-scaling.md, then ./playground partitions inventory.commands";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The supervisor can scale a service by itself: ./playground help, and look at what 'up' takes.",
                "./playground up --autoscale inventory-service=1..3, then the control room's Auto-scaling panel shows the"
                        + " lag and every step. The check sends the burst itself; watch the panel while it runs.",
                "./playground partitions inventory.commands lists its partitions and who reads each. Every instance runs"
                        + " 3 listener threads (spring.kafka.listener.concurrency), and a partition is read by one thread of"
                        + " the group at a time. Then ./playground lab check too-few-hands --answer \"THREADS,INSTANCES\"");
    }

    @Override
    public String solution() {
        return """
                ./playground up --autoscale inventory-service=1..3
                ./playground lab check too-few-hands --answer "6,2"
                The control room's autoscaler reads inventory-service's consumer lag once a second. Lag of 20 or more for
                5 s adds an instance (it starts, registers with Eureka and joins the consumer group, which gives it
                partitions); lag of 2 or less for 15 s stops the last one added. inventory.commands has 6 partitions, and
                Kafka gives each partition to one consumer of the group: 2 instances of 3 threads read all 6 at once, and
                a third instance's threads share the same 6, so it adds no speed. More partitions would.""";
    }

    /** No rule in force: scaling is the attendee's step (a lab starts with no auto-scaling, as with packaged settings). */
    @Override
    public void start(LabBench bench) {
        bench.supervisor().autoscale(List.of());
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        Supervisor supervisor = bench.supervisor();
        Optional<AutoscaleRule> rule = supervisor.autoscaleRules().stream().filter(r -> r.service().equals(SERVICE))
                .findFirst();
        if (!verdict.expect(rule.isPresent() && rule.get().max() >= 2 && rule.get().min() == 1,
                "the rule " + rule.map(Object::toString).orElse("") + " lets inventory-service grow from 1 and shrink back",
                rule.isEmpty() ? "no auto-scaling rule lets inventory-service grow: what does ./playground up take?"
                        : "the rule " + rule.get() + " cannot both add an instance and take it away again (from 1)")) {
            return;
        }
        RunningPlayground p = bench.playground();
        if (!verdict.expect(SlowBurst.follows(supervisor, rule.get().toString()),
                "the control room's autoscaler follows " + rule.get(),
                "the control room does not answer: it runs the autoscaler; ./playground up starts it")) {
            return;
        }
        // A stack that runs inventory-service more than once (up --instances) is brought to the rule's 1 first: by the
        // autoscaler itself, once the lag has been low for a while.
        p.say("Waiting until the autoscaler runs inventory-service once...");
        Optional<Object> atOne = RunningPlayground.awaitUntil(() -> SlowBurst.autoscaler(supervisor),
                v -> v.isPresent() && "1".equals(Json.text(v.get(), "services", SERVICE, "instances"))
                        && !"true".equals(Json.text(v.get(), "acting")), Duration.ofSeconds(90));
        if (!verdict.expect(atOne.isPresent() && "1".equals(Json.text(atOne.get(), "services", SERVICE, "instances")),
                "inventory-service ran once before the burst", "inventory-service still runs more than once after 90 s")) {
            return;
        }
        String sku = SlowBurst.sku(p);
        if (!verdict.expect(SlowBurst.enoughStock(p, sku), "enough " + sku + " in stock for the burst",
                "too little stock for the burst: ./playground reset")) {
            return;
        }
        Result r;
        try {
            r = SlowBurst.run(p, sku);
        } finally {
            SlowBurst.heal(p);
        }
        verdict.expect(r.out().isPresent() && r.out().get().failure() == null && r.holds() != null,
                "the burst's lag added an instance: inventory-service-2 ready at %s, reading partitions at %s"
                        .formatted(r.out().map(s -> r.at(s.done())).orElse("never"), r.at(r.holds())),
                "the lag peaked at %d and no instance was added that read partitions: is the control room's Auto-scaling"
                        .formatted(r.peak()) + " panel showing the rule and the lag?");
        verdict.expect(r.in().isPresent() && !r.secondStillRuns(),
                "the quiet after the burst took it away at " + r.in().map(s -> r.at(s.done())).orElse("never"),
                "inventory-service-2 still ran " + r.at(r.burstEnded()) + " + 105 s after the burst");
        verdict.expect(r.orders() > 0 && r.approved() == r.orders() && r.stockBefore() - r.stockAfter() == r.approved(),
                "%d of %d orders APPROVED, the stock down by exactly as many".formatted(r.approved(), r.orders()),
                "%d of %d orders APPROVED, stock %d -> %d".formatted(r.approved(), r.orders(), r.stockBefore(), r.stockAfter()));
        Optional<String> answer = bench.answer();
        boolean right = answer.map(TooFewHandsLab::isRight).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": 6 threads (one per partition), so 2 instances",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer \"THREADS,INSTANCES\""
                        : "'" + answer.get() + "' is not what ./playground partitions inventory.commands shows");
    }

    /** THREADS,INSTANCES: 6 and 2, as numbers or words. */
    static boolean isRight(String answer) {
        String[] parts = answer.toLowerCase(java.util.Locale.ROOT).replace(" ", "").split(",");
        return parts.length == 2 && parts[0].matches("6|six") && parts[1].matches("2|two");
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.supervisor().autoscale(List.of(new AutoscaleRule(SERVICE, 1, 3)));
        bench.out().println("Auto-scaling inventory-service=1..3. The answer: " + ANSWER
                + " (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), ANSWER);
    }
}
