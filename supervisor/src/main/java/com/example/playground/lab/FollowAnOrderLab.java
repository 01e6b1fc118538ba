package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Observe: one order, followed through Zipkin from the gateway over HTTP to order-service and
 * inventory-service, then over Kafka to the saga and the participants. The attendee answers with
 * the trace's id; the check asks Zipkin for it.
 */
final class FollowAnOrderLab implements Lab {

    private static final int SERVICES_EXPECTED = 4;

    /** How long a check waits for a trace's spans: they reach Zipkin in batches about a second after they end. */
    private final Duration spansArrive;

    FollowAnOrderLab() {
        this(Duration.ofSeconds(10));
    }

    FollowAnOrderLab(Duration spansArrive) {
        this.spansArrive = spansArrive;
    }

    @Override
    public About about() {
        return new About("follow-an-order", "Follow one order through Zipkin", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "Place an order through the gateway, find its trace in Zipkin and follow it: which services did it pass"
                + " through, over HTTP and over Kafka? Then give the check the trace's id.";
    }

    @Override
    public String firstStep() {
        return "Place an order with curl -i (see the page) and find, in the answer's headers, the id of its trace;"
                + " then open Zipkin at http://127.0.0.1:9411/zipkin/";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The gateway puts the header X-Trace-Id on every answer: curl -i shows the headers. That id names the"
                        + " whole trace, in every service the request reached.",
                "Open http://127.0.0.1:9411/zipkin/traces/TRACE_ID, or ask Zipkin's API:"
                        + " curl -s http://127.0.0.1:9411/api/v2/trace/TRACE_ID. Each span's localEndpoint.serviceName"
                        + " says which service did that piece of work.",
                "Lost the header? The outbox spans carry the tag order.id, so Zipkin finds an order's trace: type"
                        + " order.id=ORDER_ID in the UI's query box, or"
                        + " curl -s 'http://127.0.0.1:9411/api/v2/traces?annotationQuery=order.id%3DORDER_ID'",
                "Give the id of the trace that began with POST /api/orders (not one of a GET that read the order"
                        + " later): ./playground lab check follow-an-order --answer TRACE_ID");
    }

    @Override
    public String solution() {
        return """
                Place an order and keep the answer's headers:
                  curl -si -X POST http://127.0.0.1:8080/api/orders -H 'Content-Type: application/json' \\
                       -d '{"customerId":"alice","items":[{"sku":"pen","quantity":1}]}' | grep -i x-trace-id
                The gateway wrote the trace id into X-Trace-Id. Open http://127.0.0.1:9411/zipkin/traces/TRACE_ID:
                the gateway's POST, order-service's POST and its GET to inventory-service (the price), then the
                outbox store and relay of OrderPlaced, the Kafka send, and each listener that processed it:
                saga-orchestrator, inventory-service, payment-service, all in one trace because the trace context
                travels in the Kafka record's headers (and in the outbox row in between).
                  ./playground lab check follow-an-order --answer TRACE_ID""";
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        Optional<String> answer = bench.answer();
        Optional<String> traceId = answer.flatMap(ZipkinTrace::idIn);
        if (!verdict.expect(traceId.isPresent(), "you named trace " + traceId.orElse(""), answer.isEmpty()
                ? "give the id of your order's trace: ./playground lab check " + name() + " --answer TRACE_ID"
                        + " (the X-Trace-Id header of the answer that placed the order)"
                : "'" + answer.get() + "' is not a trace id: it is 32 hex digits, like 6b0ed117e8ebb5e885bde3a207379418")) {
            return;
        }
        String id = traceId.get();
        ZipkinTrace trace = awaitSpans(bench, id, spansArrive);
        if (!verdict.expect(!trace.isEmpty(), "Zipkin has trace " + id,
                "Zipkin has no trace " + id + ": copy it again from the X-Trace-Id header, or from the address of the"
                        + " trace's page in Zipkin")) {
            return;
        }
        if (!verdict.expect(trace.placesAnOrder(), "trace " + id + " holds the POST /api/orders that placed an order",
                "trace " + id + " holds no POST /api/orders: it began with " + trace.firstSpan()
                        + "; give the trace of the request that placed the order")) {
            return;
        }
        List<String> orders = trace.orderIds();
        Optional<String> known = orders.stream()
                .filter(order -> bench.playground().get("/api/orders/" + order).status() == 200).findFirst();
        verdict.expect(known.isPresent(), "its order " + known.orElse("") + " was placed since the lab started",
                orders.isEmpty()
                        ? "trace " + id + " names no order (no span carries order.id): was the order refused? Place one"
                                + " that is answered 201 Created"
                        : "its order " + orders.get(0) + " was placed before the lab started (order-service, fresh since"
                                + " then, does not know it): place a new one");
        List<String> services = trace.services();
        verdict.expect(services.size() >= SERVICES_EXPECTED,
                "it has spans from " + services.size() + " of our services: " + String.join(", ", services),
                "it has spans from only " + services.size() + " of our services (" + String.join(", ", services)
                        + "); missing: " + String.join(", ", trace.missingServices()));
    }

    /** The trace once it has spans from enough services, or as it is when the wait is over (empty if unknown). */
    private static ZipkinTrace awaitSpans(LabBench bench, String traceId, Duration atMost) {
        return RunningPlayground.awaitUntil(() -> fetch(bench, traceId),
                trace -> trace.services().size() >= ZipkinTrace.OUR_SERVICES.size(), atMost);
    }

    private static ZipkinTrace fetch(LabBench bench, String traceId) {
        Http.Answer answer = bench.zipkin("/api/v2/trace/" + traceId);
        return answer.ok() ? ZipkinTrace.parse(answer.body()) : ZipkinTrace.parse("[]");
    }

    /** What an attendee does: place an order, read X-Trace-Id, wait for its spans in Zipkin; the id is kept as the answer. */
    @Override
    public void applySolution(LabBench bench) {
        Http.Answer placed = bench.playground().placeOrder();
        String traceId = placed.header("X-Trace-Id").orElse(null);
        if (placed.status() != 201 || traceId == null) {
            bench.out().println("The order was not placed (" + placed.status() + "): is the stack well? ./playground status");
            return;
        }
        ZipkinTrace trace = awaitSpans(bench, traceId, Duration.ofSeconds(30));
        bench.out().printf("Placed order %s; its trace %s has spans from %s.%n",
                RunningPlayground.orderId(placed).orElse("?"), traceId, String.join(", ", trace.services()));
        bench.out().printf("The answer: %s (kept for 'lab check %s' without --answer)%n", traceId, name());
        bench.saveAnswer(name(), traceId);
    }
}
