package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two-phase commit, on PostgreSQL: the start places order A by two-phase commit with order-service
 * (the coordinator) hung between the votes and its decision, places order B for the same pen by
 * choreography, which waits for A's row locks in inventory-service, and kills order-service. The
 * attendee finds what the participants hold and who waits, brings the coordinator back, and
 * answers how many prepared transactions held A and how A ended: 2 and REJECTED (presumed abort).
 */
final class InDoubtOrderLab implements Lab {

    private static final String ORDERS = "order-service";
    private static final String DECISION = "two-phase-commit-decision";
    private static final List<String> PARTICIPANTS = List.of("inventory-service", "payment-service");
    private static final String ANSWER = PARTICIPANTS.size() + ",REJECTED";
    private static final Duration PREPARING = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

    @Override
    public About about() {
        return new About("in-doubt-order", "An order in doubt", Level.INTERMEDIATE, 20);
    }

    @Override
    public boolean needsPostgres() {
        return true;
    }

    @Override
    public String goal() {
        return "Order A was placed by two-phase commit, and its coordinator, order-service, died after both participants"
                + " had voted yes. Order B, carol's pen, has waited ever since. Find what holds B up, end A, and let B"
                + " through. Then answer: how many prepared transactions held A while order-service was dead, and did A"
                + " end APPROVED or REJECTED?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/two-phase-commit.md, then look at what each participant holds: curl -s"
                + " http://127.0.0.1:8183/actuator/preparedtransactions (inventory-service) and 8182 (payment-service).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Each prepared transaction is named after its order, and 'waiting' counts the sessions that wait for its"
                        + " locks. Which order does inventory-service hold, and what waits for it? B's saga is in"
                        + " curl -s http://127.0.0.1:8080/api/sagas/<B>.",
                "No participant may end a prepared transaction on its own: it voted yes and promised to do what the"
                        + " coordinator decides. Only order-service knows the decision, or that there is none."
                        + " ./playground status shows it dead; start it again with ./playground up.",
                "order-service's recovery runs every 2 s on its leader: an order PREPARING for 15 s or more that nobody"
                        + " coordinates is aborted (presumed abort). Watch A with curl -s http://127.0.0.1:8080/api/orders/<A>,"
                        + " then ./playground lab check in-doubt-order --answer \"COUNT,OUTCOME\"");
    }

    @Override
    public String solution() {
        return """
                curl -s http://127.0.0.1:8183/actuator/preparedtransactions    # A, its locks, 1 session waiting: B
                curl -s http://127.0.0.1:8182/actuator/preparedtransactions    # A again
                ./playground up                                                 # order-service back
                ./playground lab check in-doubt-order --answer "2,REJECTED"
                Both participants, inventory-service and payment-service, had prepared A: two prepared transactions,
                each holding its row locks, which neither may end alone. B's reservation waited for the stock row in
                inventory-service's Kafka listener. order-service's log said PREPARING and no decision: nothing had been
                promised, so its recovery aborts A about 15 s after A began (presumed abort) and tells both participants
                to roll back. The locks go, B reserves its pen, and ends APPROVED (docs/patterns/two-phase-commit.md).""";
    }

    /** B must not be ended by its deadline while the attendee looks: order-service's choreography deadline raised. */
    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of(ORDERS, Map.of("playground.orders.choreography-timeout", "600s"));
    }

    @Override
    public void start(LabBench bench) {
        RunningPlayground p = bench.playground();
        for (String service : PARTICIPANTS) {
            if (!Boolean.TRUE.equals(Json.at(Json.parse(p.management().get(service, "/actuator/preparedtransactions")),
                    "available").orElse(false))) {
                throw new PlaygroundException(service + " cannot prepare transactions: PostgreSQL's"
                        + " max_prepared_transactions must be above 0 (docs/patterns/two-phase-commit.md says how).",
                        PlaygroundException.FAILED);
            }
        }
        p.breakTarget(ORDERS, DECISION, Map.of("hang", true));
        // Its POST hangs with order-service; the gateway answers its client after its time limit, nobody reads it.
        CompletableFuture.runAsync(() -> p.post("/api/orders",
                "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}],\"saga\":\"two-phase-commit\"}"));
        boolean prepared = RunningPlayground.awaitUntil(
                () -> PARTICIPANTS.stream().allMatch(service -> !prepared(p, service).isEmpty()), all -> all, PREPARING);
        if (!prepared) {
            throw new PlaygroundException("Order A was not prepared by both participants within " + PREPARING.toSeconds()
                    + " s; start the lab again.", PlaygroundException.FAILED);
        }
        String a = Json.text(prepared(p, "inventory-service").get(0), "id");
        String b = RunningPlayground.orderId(p.post("/api/orders",
                "{\"customerId\":\"carol\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}],\"saga\":\"choreography\"}"))
                .orElseThrow(() -> new PlaygroundException("Order B was not accepted; start the lab again.",
                        PlaygroundException.FAILED));
        RunningPlayground.awaitUntil(() -> waiting(p), n -> n > 0, PREPARING);
        bench.supervisor().kill(ORDERS);
        bench.keep(name(), "a", a);
        bench.keep(name(), "b", b);
        bench.out().println("Order A " + a + " (alice, a pen, two-phase commit) is in doubt; order B " + b
                + " (carol, a pen, choreography) waits.");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Optional<String> a = bench.kept(name(), "a");
        Optional<String> b = bench.kept(name(), "b");
        if (a.isEmpty() || b.isEmpty()) {
            verdict.expect(false, "", "there is no order in doubt: start the lab with ./playground lab start " + name());
            return;
        }
        boolean coordinator = bench.supervisor().isRunning(ORDERS);
        String endedA = coordinator ? p.orderStatus(a.get()) : null;
        verdict.expect("REJECTED".equals(endedA), "order A " + a.get() + " ended REJECTED",
                coordinator ? "order A " + a.get() + " is still in doubt: it is " + endedA + " (recovery ends it once order-service"
                        + " leads again: about 10 to 15 s after its restart; check again)"
                        : "order A " + a.get() + " is still in doubt: order-service, its coordinator, is not running");
        long held = PARTICIPANTS.stream().filter(bench.supervisor()::isRunning).mapToLong(s -> prepared(p, s).size()).sum();
        verdict.expect(held == 0, "no participant holds a prepared transaction any more",
                "the participants still hold " + held + " prepared transaction(s) and their locks");
        String endedB = coordinator ? p.orderStatus(b.get()) : null;
        verdict.expect("APPROVED".equals(endedB), "order B " + b.get() + ", which waited for A's locks, went through:"
                + " APPROVED", "order B " + b.get() + " has not gone through: it is " + (endedB == null ? "unknown" : endedB));
        Optional<String> answer = bench.answer();
        boolean right = answer.map(InDoubtOrderLab::isRight).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": both participants held A prepared, and the"
                        + " coordinator's recovery aborted it, as nothing had been decided",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer \"COUNT,OUTCOME\""
                        : "'" + answer.get() + "' is not what the participants held and how A ended: count the prepared"
                                + " transactions that named A, and read A's status");
    }

    private static boolean isRight(String answer) {
        Matcher number = NUMBER.matcher(answer);
        String words = answer.toUpperCase(Locale.ROOT);
        return number.find() && Integer.parseInt(number.group()) == PARTICIPANTS.size() && !number.find()
                && words.contains("REJECTED") && !words.contains("APPROVED");
    }

    @Override
    public void applySolution(LabBench bench) {
        RunningPlayground p = bench.playground();
        // The raised deadline stays until the next lab or 'lab reset': put back now, it could end B before A's locks go.
        bench.supervisor().start(ORDERS, LabBench.READY);
        bench.kept(name(), "a").ifPresent(a -> p.awaitOrderEnded(a, PATIENCE));
        RunningPlayground.awaitUntil(() -> PARTICIPANTS.stream().allMatch(s -> prepared(p, s).isEmpty()), none -> none,
                PATIENCE);
        bench.kept(name(), "b").ifPresent(b -> p.awaitOrderEnded(b, PATIENCE));
        bench.out().println("The answer: " + ANSWER + " (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), ANSWER);
    }

    private static List<Object> prepared(RunningPlayground p, String service) {
        return Json.listAt(Json.parse(p.management().get(service, "/actuator/preparedtransactions")), "prepared");
    }

    private static long waiting(RunningPlayground p) {
        return prepared(p, "inventory-service").stream()
                .mapToLong(t -> (long) Double.parseDouble(Json.text(t, "waiting"))).sum();
    }
}
