package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.PaymentSidecar;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sidecar: the attendee puts HAProxy beside payment-service ({@code up --with payment-sidecar}),
 * makes the payment provider fail every second call and finds out who sent the failed calls again.
 * The check wants the sidecar running and doing the job (two orders approved with the provider
 * failing half its calls, one call from payment-service per payment), and the answer: the sidecar
 * retried, and payment-service made one call per payment.
 */
final class WhoRetriedLab implements Lab {

    private static final String SERVICE = "payment-service";
    private static final String PROVIDER = "payment-provider";
    private static final int ORDERS = 2;

    @Override
    public About about() {
        return new About("who-retried", "Who retried?", Level.BEGINNER, 15);
    }

    @Override
    public Optional<String> cannotRunHere() {
        return PaymentSidecar.cannotRun();
    }

    @Override
    public String goal() {
        return "Put the payment sidecar beside payment-service, make the payment provider fail every second call, and"
                + " place orders: they are still approved, so someone sent the failed calls again. Answer: who retried,"
                + " payment-service or the sidecar, and how many calls did payment-service make per payment?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/sidecar.md, then ./playground up --with payment-sidecar";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "./playground break payment-service --target payment-provider --error-rate 0.5, then place two or three"
                        + " orders through the gateway and look at their status.",
                "./playground logs payment-sidecar shows one line per call, with retries=N. payment-service's own count"
                        + " of calls: curl -s 'http://127.0.0.1:8182/actuator/metrics/http.client.requests?tag=uri:/authorizations'",
                "In Zipkin, an order's trace has the spans of payment-sidecar, tagged haproxy.retries. Then"
                        + " ./playground lab check who-retried --answer \"WHO,CALLS\"");
    }

    @Override
    public String solution() {
        return """
                ./playground up --with payment-sidecar
                ./playground lab check who-retried --answer "sidecar,1"
                With the sidecar, payment-service calls HAProxy beside it once per payment and has no retry of its own.
                HAProxy sends a call that failed with a 503 again, up to three attempts (retry-on in
                sidecar/payment-sidecar.cfg), so every second failed attempt is followed by one that works: the order is
                approved, the sidecar's log says retries=1, and payment-service saw one call that worked.""";
    }

    /** The sidecar stopped if an earlier 'up --with payment-sidecar' left it running: starting it is the attendee's step. */
    @Override
    public void start(LabBench bench) {
        bench.supervisor().scaled(PaymentSidecar.NAME, 0).up(LabBench.READY);
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        Supervisor supervisor = bench.supervisor();
        // Asked of the stack with the sidecar: the one this check was given may predate 'up --with'.
        Supervisor withSidecar = supervisor.scaled(PaymentSidecar.NAME, 1);
        boolean running = withSidecar.isRunning(PaymentSidecar.NAME);
        if (!verdict.expect(running, "the payment sidecar runs beside payment-service",
                "the payment sidecar is not running: start it with ./playground up --with payment-sidecar")) {
            return;
        }
        RunningPlayground p = bench.playground();
        // Right after 'up --with', its first health check may have found the provider down while
        // payment-service restarted: it is back within seconds.
        Component sidecar = withSidecar.stack().component(PaymentSidecar.NAME);
        RunningPlayground.awaitUntil(() -> PaymentSidecar.providerInService(sidecar), up -> up,
                Duration.ofSeconds(15));
        double callsBefore = PaymentSidecar.callsFromService(p.management());
        int approved = 0;
        try {
            p.breakTarget(SERVICE, PROVIDER, Map.of("error-rate", 0.5));
            for (int i = 0; i < ORDERS; i++) {
                approved += RunningPlayground.orderId(p.placeOrder())
                        .map(id -> p.awaitOrderEnded(id, Duration.ofSeconds(30))).filter("APPROVED"::equals).isPresent() ? 1 : 0;
            }
        } finally {
            p.management().heal(SERVICE);
        }
        long calls = Math.round(PaymentSidecar.callsFromService(p.management()) - callsBefore);
        verdict.expect(approved == ORDERS && calls == ORDERS,
                "with the provider failing every second call, %d of %d orders were approved, and payment-service made %d calls"
                        .formatted(approved, ORDERS, calls),
                ("with the provider failing every second call, %d of %d orders were approved and payment-service made %d"
                        + " calls: is payment-service calling through the sidecar? ./playground status")
                        .formatted(approved, ORDERS, calls));
        Optional<String> answer = bench.answer();
        boolean right = answer.map(WhoRetriedLab::isRight).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": the sidecar retried, payment-service made one call per"
                        + " payment",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer \"WHO,CALLS\""
                        : "'" + answer.get() + "' is not what the sidecar's log and payment-service's count of calls show");
    }

    /** WHO,CALLS: who names the sidecar (and not the service), calls is one. */
    private static boolean isRight(String answer) {
        String[] parts = answer.toLowerCase(Locale.ROOT).split(",", 2);
        if (parts.length != 2) {
            return false;
        }
        String who = parts[0].trim();
        String calls = parts[1].trim();
        return who.contains("sidecar") && !who.contains("service") && calls.matches("(one|1(\\.0+)?)( calls?)?");
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.supervisor().scaled(PaymentSidecar.NAME, 1).up(LabBench.READY);
        bench.out().println("The answer: sidecar,1 (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), "sidecar,1");
    }
}
