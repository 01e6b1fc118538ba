package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Canary;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Supervisor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canary release: inventory-canary takes 20 per cent of inventory reads and answers every one of
 * them correctly, 1.2 s late. The control room's guard judges server errors only, so it never rolls
 * this canary back. The attendee finds the slow version from the gateway's own figures, rolls it back
 * by hand, and answers how many milliseconds slower it is. The check wants the canary's share at 0,
 * every read of 20 answered by the stable version, and an answer within reach of the planted 1,200 ms.
 */
final class SlowCanaryLab implements Lab {

    private static final int SHARE = 20;
    static final int PLANTED_MS = 1200;
    private static final int LOWEST = 1000;
    private static final int HIGHEST = 1500;
    private static final int ASKED = 20;

    @Override
    public About about() {
        return new About("slow-canary", "The canary nobody rolled back", Level.INTERMEDIATE, 20);
    }

    @Override
    public String goal() {
        return "A new version of inventory-service (inventory-canary) takes " + SHARE + " % of inventory reads. Every answer"
                + " is right and the control room's guard has not rolled it back, yet some readers say the stock page is"
                + " slow. Find which version is slow and by how much, take its share away, and answer: how many"
                + " milliseconds slower than the stable version does the canary answer?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/canary-release.md, then ./playground canary and ask for the book a few times:"
                + " curl -s -o /dev/null -w '%{time_total}\\n' http://127.0.0.1:8080/api/inventory/book";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Which reads are slow? Ask with and without 'X-Canary: true': curl -s -o /dev/null -w '%{time_total}\\n'"
                        + " -H 'X-Canary: true' http://127.0.0.1:8080/api/inventory/book",
                "The gateway times every route: curl -s 'http://127.0.0.1:8180/actuator/metrics/spring.cloud.gateway.requests"
                        + "?tag=routeId:inventory-canary' and the same for routeId:inventory. MAX is the slowest of the last"
                        + " minutes; TOTAL_TIME / COUNT the mean since the gateway started.",
                "What does the guard judge (docs/patterns/canary-release.md)? It will not act on this: ./playground canary 0"
                        + " does. Then ./playground lab check slow-canary --answer MILLISECONDS");
    }

    @Override
    public String solution() {
        return """
                ./playground canary 0
                ./playground lab check slow-canary --answer 1200
                The canary answers every read right, %d ms late (a latency fault on its API, standing in for a slow new
                version). The control room's guard rolls a canary back on server errors only: a slow answer is a 200, so
                it never counts. The gateway measures both routes (spring.cloud.gateway.requests by routeId), so the
                difference is there to see; Flagger and Argo Rollouts judge request duration beside the success rate
                for this reason (docs/patterns/canary-release.md).""".formatted(PLANTED_MS);
    }

    /** The canary running, a fifth of the reads on it, and its every answer 1.2 s late. */
    @Override
    public void start(LabBench bench) {
        Supervisor with = bench.supervisor().scaled(Canary.NAME, 1);
        with.up(LabBench.READY);
        with.canary().share(SHARE);
        with.management().breakTarget(Canary.NAME, "inbound", Map.of("latency", PLANTED_MS));
        bench.out().println(Canary.NAME + ": " + SHARE + " % of inventory reads.");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        int share = bench.supervisor().strangler().shares().getOrDefault(Canary.ROUTE, -1);
        verdict.expect(share == 0, Canary.NAME + " gets no inventory reads", Canary.NAME + " still gets " + share
                + " % of inventory reads (./playground canary)");
        long stable = 0;
        for (int i = 0; i < ASKED; i++) {
            Http.Answer answer = p.get("/api/inventory/book");
            if (answer.status() == 200 && Canary.SERVICE.equals(answer.header("X-Served-By").orElse(null))
                    && "book".equals(Json.text(answer.json(), "sku"))) {
                stable++;
            }
            RunningPlayground.pause(60); // below the gateway's rate limit
        }
        verdict.expect(stable == ASKED, ASKED + " of " + ASKED + " reads of the book were answered by the stable " + Canary.SERVICE,
                stable + " of " + ASKED + " reads of the book were answered by the stable " + Canary.SERVICE);
        Optional<String> answer = bench.answer();
        Optional<Integer> millis = answer.map(text -> text.replaceAll("[^0-9]", "")).filter(digits -> !digits.isEmpty()
                && digits.length() < 7).map(Integer::parseInt);
        boolean right = millis.filter(ms -> ms >= LOWEST && ms <= HIGHEST).isPresent();
        verdict.expect(right, "you answered " + answer.orElse("") + ": the canary answers about " + PLANTED_MS + " ms late",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer MILLISECONDS"
                        : "'" + answer.get() + "' is not how much slower the canary answers: compare the two routes' times");
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.supervisor().scaled(Canary.NAME, 1).canary().share(0);
        bench.out().println(Canary.NAME + ": 0 % of inventory reads.");
        bench.out().println("The answer: " + PLANTED_MS + " (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), String.valueOf(PLANTED_MS));
    }
}
