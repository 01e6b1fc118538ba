package com.example.playground.controlroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control room's own HTTP API, with nothing of the stack running: what it shows and what it refuses. */
class ControlRoomTests {

    static final int OFFSET = 22_100;

    @TempDir
    Path home;

    ControlRoom room;
    Supervisor supervisor;
    Activity activity = new Activity();
    int port;

    @BeforeEach
    void start() throws IOException {
        Stack stack = Stack.withPortOffset(OFFSET);
        supervisor = new Supervisor(home, home.resolve(".playground"), stack, activity.printStream());
        room = new ControlRoom(() -> supervisor, activity);
        room.start();
        port = stack.controlRoomPort();
    }

    @AfterEach
    void stop() {
        room.stop();
    }

    @Test
    void theSnapshotListsEveryProcessAsDownAndNothingBroken() {
        Http.Answer answer = new Http(Http.QUICK).get(Http.local(port, "/api/snapshot"));

        assertThat(answer.status()).isEqualTo(200);
        Object snapshot = answer.json();
        assertThat(Json.listAt(snapshot, "processes")).hasSize(9)
                .allSatisfy(p -> assertThat(Json.text(p, "up")).isEqualTo("false"));
        assertThat(Json.objectAt(snapshot, "faults")).isEmpty();
        assertThat(Json.text(snapshot, "traffic", "on")).isEqualTo("false");
    }

    @Test
    void theAutoscalerFollowsTheRulesOfUpWithinSecondsAndTakesNoStepWithoutASignal() {
        Http http = new Http(Http.QUICK);
        assertThat(Json.listAt(http.get(Http.local(port, "/api/autoscaler")).json(), "rules")).isEmpty();

        supervisor.autoscale(java.util.List.of(new com.example.playground.supervisor.AutoscaleRule("inventory-service", 1, 3)));

        // Nothing runs: no service tells the lag, so no reading, and no step on a guess.
        Object view = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> http.get(Http.local(port, "/api/autoscaler")).json(),
                        v -> Json.listAt(v, "rules").contains("inventory-service=1..3"));
        assertThat(Json.text(view, "services", "inventory-service", "lag")).isEqualTo("-1");
        assertThat(Json.text(view, "services", "inventory-service", "instances")).isEqualTo("1");
        assertThat(Json.listAt(view, "steps")).isEmpty();
        assertThat(Json.text(Json.parse(http.get(Http.local(port, "/api/snapshot")).body()), "autoscaling", "rules"))
                .contains("inventory-service=1..3");
    }

    @Test
    void actionsAreJsonPostsFromItsOwnPageOnly() throws Exception {
        assertThat(post("/api/heal", "text/plain", null).statusCode()).isEqualTo(403);
        assertThat(post("/api/heal", "application/json", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(new Http(Http.QUICK).get(Http.local(port, "/api/heal")).status()).isEqualTo(405);
        assertThat(post("/api/launch-rockets", "application/json", null).statusCode()).isEqualTo(404);
    }

    @Test
    void breakingOrSwitchingWhatDoesNotRunIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> broken = post("/api/break/payment-service", "application/json", null,
                "{\"target\":\"inbound\",\"settings\":{\"hang\":\"true\"}}");
        HttpResponse<String> switched = post("/api/switch/payment-service/outbox-relay-paused", "application/json", null,
                "{\"on\":true}");

        assertThat(broken.statusCode()).isEqualTo(409);
        assertThat(Json.text(Json.parse(broken.body()), "detail")).isEqualTo("payment-service is not running.");
        assertThat(switched.statusCode()).isEqualTo(409);
        assertThat(activity.lines()).anyMatch(line -> line.endsWith("payment-service is not running."));
    }

    @Test
    void theScenariosAreListedAndAnUnknownOneOrACheckWithNoLabIsRefused() throws Exception {
        Object scenarios = Json.parse(new Http(Http.QUICK).get(Http.local(port, "/api/scenarios")).body());
        assertThat(Json.listAt(scenarios)).extracting(s -> Json.text(s, "name")).contains("circuit-breaker", "canary-release");

        HttpResponse<String> unknown = post("/api/scenario/nope", "application/json", null);
        HttpResponse<String> check = post("/api/lab/check", "application/json", null, "{\"answer\":\"42\"}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.text(Json.parse(unknown.body()), "detail")).startsWith("No scenario 'nope'. Known: circuit-breaker, ");
        assertThat(check.statusCode()).isEqualTo(409);
        assertThat(Json.text(Json.parse(check.body()), "detail")).isEqualTo("No lab in progress: './playground lab start N' first.");
        assertThat(Json.text(Json.parse(new Http(Http.QUICK).get(Http.local(port, "/api/runs")).body()), "run")).isNull();
    }

    @Test
    void aScenarioRunFromThePageEndsWithItsVerdictAndWhatItSaidInTheSnapshot() throws Exception {
        HttpResponse<String> started = post("/api/scenario/circuit-breaker", "application/json", null);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(Json.text(Json.parse(started.body()), "name")).isEqualTo("circuit-breaker");
        // Nothing runs here, so the run ends at once, as the CLI's would: it could not run, and says why.
        Object run = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Json.objectAt(Json.parse(new Http(Http.QUICK).get(Http.local(port, "/api/snapshot")).body()), "runs", "run"),
                        r -> Json.text(r, "ended") != null);
        assertThat(Json.text(run, "verdict")).isEqualTo("ERROR");
        assertThat(Json.listAt(run, "lines")).containsExactly("The playground is not running. Start it with './playground up'.");
        assertThat(activity.lines()).anyMatch(line -> line.endsWith("scenario circuit-breaker ended: ERROR"));
    }

    private HttpResponse<String> post(String path, String type, String origin) throws Exception {
        return post(path, type, origin, "{}");
    }

    private HttpResponse<String> post(String path, String type, String origin, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Http.local(port, path)))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
