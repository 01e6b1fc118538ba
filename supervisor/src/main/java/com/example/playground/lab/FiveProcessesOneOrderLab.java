package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Over-engineering: the attendee starts the opt-in monolith ({@code up --with monolith}), places the
 * same order both ways and compares their traces. The check wants the monolith answering an order
 * with its outcome at once through the gateway, and the answer to how many of the playground's
 * processes report spans for one order each way: the five that {@link ZipkinTrace#OUR_SERVICES}
 * names across the services, two (the gateway and the monolith) in one process.
 */
final class FiveProcessesOneOrderLab implements Lab {

    private static final String MONOLITH = "monolith";
    private static final int ACROSS_SERVICES = ZipkinTrace.OUR_SERVICES.size();
    private static final int IN_ONE_PROCESS = 2;
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");

    @Override
    public About about() {
        return new About("five-processes-one-order", "Five processes for one order", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "The shop takes a few orders a second and one team builds it. Does it need five processes to take one order?"
                + " Start the one-process version of the shop beside the stack, place the same order both ways, and"
                + " answer: how many of the playground's processes report spans for one order across the services,"
                + " and how many for one placed in the monolith?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/over-engineering.md, then ./playground up --with monolith.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Place alice's pen both ways: POST /api/orders and POST /api/monolith/orders through the gateway (the"
                        + " body is the same). Which answer holds the outcome?",
                "Each answer has an X-Trace-Id header: open http://127.0.0.1:9411/zipkin/traces/<id> for each and count"
                        + " the services that have spans. Wait until the first order is APPROVED before you count.",
                "./playground scenario run over-engineering measures CPU, memory and time to the outcome both ways. Then"
                        + " ./playground lab check five-processes-one-order --answer \"ACROSS,IN-ONE\"");
    }

    @Override
    public String solution() {
        return """
                ./playground up --with monolith
                ./playground lab check five-processes-one-order --answer "5,2"
                Across the services one order has spans from the gateway, order-service, inventory-service, the saga
                orchestrator and payment-service (Kafka carries the messages between them but reports no spans): five,
                and the POST answers PENDING. In the monolith: the gateway and the monolith, two, and the POST answers
                APPROVED or REJECTED, decided in one local transaction. The scenario puts CPU per order, memory and the
                time to the outcome beside each other (docs/patterns/over-engineering.md).""";
    }

    /** The monolith stopped if an earlier 'up --with monolith' left it running: starting it is the attendee's step. */
    @Override
    public void start(LabBench bench) {
        bench.supervisor().scaled(MONOLITH, 0).up(LabBench.READY);
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Http.Answer placed = p.post("/api/monolith/orders", "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"pen\",\"quantity\":1}]}");
        verdict.expect(placed.status() == 201 && "APPROVED".equals(Json.text(placed.json(), "status")),
                "the monolith answered an order through the gateway with its outcome at once: APPROVED",
                "the monolith does not answer through the gateway (" + placed.status() + "): start it with ./playground up"
                        + " --with monolith");
        Optional<String> answer = bench.answer();
        List<Integer> numbers = answer.map(FiveProcessesOneOrderLab::numbers).orElse(List.of());
        boolean right = numbers.equals(List.of(ACROSS_SERVICES, IN_ONE_PROCESS));
        verdict.expect(right, "you answered " + answer.orElse("") + ": " + ACROSS_SERVICES + " processes across the"
                        + " services, " + IN_ONE_PROCESS + " in one",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer \"ACROSS,IN-ONE\""
                        : "'" + answer.get() + "' is not what the two traces show: count the services with spans in each");
    }

    private static List<Integer> numbers(String text) {
        Matcher found = NUMBER.matcher(text);
        List<Integer> numbers = new ArrayList<>();
        while (found.find() && numbers.size() < 3) {
            numbers.add(Integer.parseInt(found.group()));
        }
        return numbers;
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.supervisor().scaled(MONOLITH, 1).up(LabBench.READY);
        bench.out().println("The answer: " + ACROSS_SERVICES + "," + IN_ONE_PROCESS + " (kept for 'lab check " + name()
                + "' without --answer)");
        bench.saveAnswer(name(), ACROSS_SERVICES + "," + IN_ONE_PROCESS);
    }
}
