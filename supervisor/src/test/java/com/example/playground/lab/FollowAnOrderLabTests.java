package com.example.playground.lab;

import static com.example.playground.lab.ZipkinTraceTests.ORDER;
import static com.example.playground.lab.ZipkinTraceTests.placedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Component.Kind;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import com.example.playground.testing.StubServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of lab follow-an-order against a stand-in for Zipkin and the gateway (one stub
 * answers both): what an attendee reads for each wrong answer, and PASS for the right one.
 */
class FollowAnOrderLabTests {

    static final String TRACE = "6b0ed117e8ebb5e885bde3a207379418";

    @TempDir
    Path home;

    final StubServer stub = new StubServer();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    /** No waiting for more spans: the stub's trace is all there is. */
    final FollowAnOrderLab lab = new FollowAnOrderLab(Duration.ZERO);

    @AfterEach
    void stop() {
        stub.close();
    }

    Verdict check(String answer) {
        Stack stack = new Stack(0, List.of(new Component("zipkin", Kind.ZIPKIN, stub.port(), 0, "32m", null),
                new Component("gateway", Kind.GATEWAY, stub.port(), 0, "32m", null)));
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Verdict verdict = new Verdict();
        lab.check(new LabBench(new Supervisor(home, home.resolve(".playground"), stack, out), answer, out), verdict);
        return verdict;
    }

    @Test
    void withoutAnAnswerItSaysHowToGiveOne() {
        Verdict verdict = check(null);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.stillWrong()).containsExactly("give the id of your order's trace: ./playground lab check"
                + " follow-an-order --answer TRACE_ID (the X-Trace-Id header of the answer that placed the order)");
    }

    @Test
    void aTraceOfAnOrderPlacedSinceTheStartThroughEveryServicePasses() {
        stub.answer("GET /api/v2/trace/" + TRACE, 200,
                Json.write(placedOrder("saga-orchestrator", "payment-service")));
        stub.answer("GET /api/orders/" + ORDER, 200, "{\"orderId\":\"" + ORDER + "\",\"status\":\"APPROVED\"}");

        Verdict verdict = check("X-Trace-Id: " + TRACE);

        assertThat(verdict.stillWrong()).isEmpty();
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void aTraceZipkinDoesNotHaveIsSaidSo() {
        stub.answer("GET /api/v2/trace/" + TRACE, 404, "Trace not found");

        assertThat(check(TRACE).stillWrong()).singleElement().asString().startsWith("Zipkin has no trace " + TRACE);
    }

    @Test
    void anOrderOfAnEarlierLabAndTooFewServicesAreBothSaid() {
        stub.answer("GET /api/v2/trace/" + TRACE, 200, Json.write(placedOrder()));

        assertThat(check(TRACE).stillWrong()).containsExactly(
                "its order " + ORDER + " was placed before the lab started (order-service, fresh since then, does not"
                        + " know it): place a new one",
                "it has spans from only 3 of our services (gateway, order-service, inventory-service); missing:"
                        + " payment-service, saga-orchestrator");
    }

    @Test
    void theTraceOfAGetIsNotThePlacingAndThatIsAllItSays() {
        stub.answer("GET /api/v2/trace/" + TRACE, 200, Json.write(List.of(ZipkinTraceTests.span(10, "gateway", "SERVER",
                "http get", Map.of("method", "GET", "http.url", "/api/orders/" + ORDER)))));

        assertThat(check(TRACE).stillWrong()).containsExactly("trace " + TRACE + " holds no POST /api/orders: it began"
                + " with gateway: http get /api/orders/" + ORDER + "; give the trace of the request that placed the order");
    }

    @Test
    void somethingThatIsNoTraceIdIsRefusedBeforeAskingZipkin() {
        assertThat(check("the one with the pen").stillWrong()).containsExactly(
                "'the one with the pen' is not a trace id: it is 32 hex digits, like 6b0ed117e8ebb5e885bde3a207379418");
        assertThat(stub.requests()).isEmpty();
    }
}
