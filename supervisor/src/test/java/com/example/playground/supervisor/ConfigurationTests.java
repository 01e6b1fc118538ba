package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component.Kind;
import com.example.playground.testing.StubServer;
import com.example.playground.testing.StubServer.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings overlay: what is written, what is refused before anything is, when a setting is
 * applied live (a refresh) or by a restart, and how a refused value puts the previous settings
 * back. The running apps are stand-ins on loopback ({@link StubServer}); order-service's
 * SettingsOverlayIntegrationTests shows a real service taking the overlay.
 */
class ConfigurationTests {

    static final String THRESHOLD = "resilience4j.circuitbreaker.instances.inventory-service.failure-rate-threshold";
    static final String STEP_TIMEOUT = "playground.saga.step-timeout";
    static final String SAMPLING = "management.tracing.sampling.probability";

    @TempDir
    Path home;

    final StubServer app = new StubServer();
    final StubServer secondInstance = new StubServer();
    final Set<String> running = new CopyOnWriteArraySet<>();
    final List<String> restarted = new ArrayList<>();
    /** Names whose restart fails (the app refuses its settings at start), once each. */
    final Set<String> failsToStart = new CopyOnWriteArraySet<>();

    final Stack stack = new Stack(0, List.of(
            new Component("kafka", Kind.KAFKA, 1, 0, "32m", null),
            new Component("discovery", Kind.DISCOVERY, 2, app.port(), "32m", null),
            new Component("order-service", Kind.SERVICE, 3, app.port(), "32m", null),
            new Component("saga-orchestrator", "saga-orchestrator", Kind.SERVICE, 4, app.port(), "32m", null),
            new Component("saga-orchestrator-2", "saga-orchestrator", Kind.SERVICE, 5, secondInstance.port(), "32m", null),
            new Component("gateway", Kind.GATEWAY, 6, app.port(), "32m", null)));

    Configuration configuration;

    @BeforeEach
    void configuration() {
        configuration = new Configuration(new StateFolder(home, home.resolve(".playground")), stack,
                c -> running.contains(c.name()),
                c -> {
                    restarted.add(c.name());
                    if (failsToStart.remove(c.name())) {
                        throw new PlaygroundException(c.name() + " stopped while starting.", PlaygroundException.FAILED);
                    }
                },
                c -> List.of("server.port", "management.server.port"));
    }

    @AfterEach
    void stop() {
        app.close();
        secondInstance.close();
    }

    @Test
    void beforeTheStackRunsASettingIsOnlyWrittenAndResetRemovesTheFile() throws Exception {
        Configuration.Applied applied = configuration.set("saga-orchestrator", Map.of(STEP_TIMEOUT, " 20s "));

        assertThat(applied).isEqualTo(new Configuration.Applied("saga-orchestrator", false, Duration.ZERO));
        assertThat(configuration.overlay("saga-orchestrator")).containsExactly(Map.entry(STEP_TIMEOUT, "20s"));
        Path file = home.resolve(".playground/config/saga-orchestrator.properties");
        assertThat(Files.readAllLines(file)).contains("playground.overlay=saga-orchestrator", STEP_TIMEOUT + "=20s");
        assertThat(app.requests()).isEmpty();

        configuration.resetAll();

        assertThat(file).doesNotExist();
        assertThat(configuration.overlay("saga-orchestrator")).isEmpty();
    }

    @Test
    void valuesKeepBackslashesAndLettersBeyondAscii() {
        configuration.set("gateway", Map.of("info.owner", "Zoë \\ Ops"));

        assertThat(configuration.overlay("gateway")).containsExactly(Map.entry("info.owner", "Zoë \\ Ops"));
    }

    @Test
    void anUnknownAppAMalformedSettingOrACommandLineSettingIsRefusedAndNothingIsWritten() {
        configuration.set("order-service", Map.of(THRESHOLD, "70"));

        assertRefused(() -> configuration.set("kafka", Map.of("a", "b")),
                "No app 'kafka' takes settings. Apps: discovery, order-service, saga-orchestrator, gateway");
        assertRefused(() -> configuration.set("order-service", Map.of("not a key", "1")), "'not a key' is not a setting's name");
        assertRefused(() -> configuration.set("order-service", Map.of("a..b", "1")), "is not a setting's name");
        assertRefused(() -> configuration.set("order-service", Map.of("a.b", "one\nplayground.x=two")), "must be one line");
        assertRefused(() -> configuration.set("order-service", Map.of("playground.overlay", "x")), "the supervisor's own line");
        assertRefused(() -> configuration.set("order-service", Map.of("server.port", "1")),
                "server.port is set on order-service's command line by the supervisor");
        Map<String, String> someBad = new LinkedHashMap<>();
        someBad.put("playground.orders.choreography-timeout", "20s");
        someBad.put("bad key", "1");
        assertRefused(() -> configuration.set("order-service", someBad), "'bad key' is not a setting's name");

        assertThat(configuration.overlay("order-service")).containsExactly(Map.entry(THRESHOLD, "70"));
    }

    @Test
    void aBreakerThresholdOfARunningServiceIsAppliedLiveByARefreshAndConfirmedOnItsEnvironment() {
        running.add("order-service");
        app.answer("POST /actuator/refresh", 200, "[\"" + THRESHOLD + "\"]");
        app.answer("GET /actuator/circuitbreakers", 200, "{\"circuitBreakers\":{}}");
        app.answer("GET /actuator/env/" + THRESHOLD, 200, env("order-service", "70"));

        Configuration.Applied applied = configuration.set("order-service", Map.of(THRESHOLD, "70"));

        assertThat(applied.live()).isTrue();
        assertThat(restarted).isEmpty();
        assertThat(app.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/actuator/refresh"),
                org.assertj.core.groups.Tuple.tuple("GET", "/actuator/circuitbreakers"),
                org.assertj.core.groups.Tuple.tuple("GET", "/actuator/env/" + THRESHOLD));
    }

    @Test
    void aSagaDeadlineRestartsEveryRunningInstanceInTurn() {
        running.addAll(List.of("saga-orchestrator", "saga-orchestrator-2"));
        app.answer("GET /actuator/env/" + STEP_TIMEOUT, 200, env("saga-orchestrator", "20s"));
        secondInstance.answer("GET /actuator/env/" + STEP_TIMEOUT, 200, env("saga-orchestrator", "20s"));

        Configuration.Applied applied = configuration.set("saga-orchestrator", Map.of(STEP_TIMEOUT, "20s"));

        assertThat(applied.live()).isFalse();
        assertThat(restarted).containsExactly("saga-orchestrator", "saga-orchestrator-2");
        assertThat(app.requests()).extracting(Request::method).containsOnly("GET");
    }

    @Test
    void onlyTheServicesRefreshTheGatewayRestartsEvenForABreakerSetting() {
        running.add("gateway");
        String gatewayBreaker = "resilience4j.circuitbreaker.configs.default.failure-rate-threshold";
        app.answer("GET /actuator/env/" + gatewayBreaker, 200, env("gateway", "80"));

        assertThat(configuration.set("gateway", Map.of(gatewayBreaker, "80")).live()).isFalse();
        assertThat(restarted).containsExactly("gateway");
        assertThat(Configuration.LIVE.matcher("resilience4j.thread-pool-bulkhead.configs.default.queue-capacity").matches())
                .isTrue();
        assertThat(Configuration.LIVE.matcher("logging.level.com.example").matches()).isTrue();
        assertThat(Configuration.LIVE.matcher("spring.http.clients.read-timeout").matches()).isFalse();
    }

    @Test
    void theTracingSamplingProbabilityIsRefreshedInAServiceAndRestartsTheGateway() {
        assertThat(configuration.wellKnown("order-service"))
                .hasEntrySatisfying(SAMPLING, what -> assertThat(what).contains("live"));
        assertThat(configuration.wellKnown("saga-orchestrator")).containsKey(SAMPLING);
        assertThat(configuration.wellKnown("gateway")).hasEntrySatisfying(SAMPLING,
                what -> assertThat(what).contains("requests").doesNotContain("live"));
        running.addAll(List.of("order-service", "gateway"));
        app.answer("POST /actuator/refresh", 200, "[\"" + SAMPLING + "\"]");
        app.answer("GET /actuator/env/" + SAMPLING, 200, env("order-service", "0.1"));

        assertThat(configuration.set("order-service", Map.of(SAMPLING, "0.1")).live()).isTrue();
        assertThat(restarted).isEmpty();
        assertThat(app.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/actuator/refresh"),
                org.assertj.core.groups.Tuple.tuple("GET", "/actuator/env/" + SAMPLING));

        app.answer("GET /actuator/env/" + SAMPLING, 200, env("gateway", "0.1"));
        assertThat(configuration.set("gateway", Map.of(SAMPLING, "0.1")).live()).isFalse();
        assertThat(restarted).containsExactly("gateway");
        assertThat(Configuration.LIVE.matcher("management.tracing.sampling.other").matches()).isFalse();
    }

    @Test
    void aValueTheAppRefusesAtStartPutsThePreviousOverlayBackAndStartsItAgain() {
        configuration.set("saga-orchestrator", Map.of(STEP_TIMEOUT, "20s"));
        running.add("saga-orchestrator");
        failsToStart.add("saga-orchestrator");

        assertRefused(() -> configuration.set("saga-orchestrator", Map.of(STEP_TIMEOUT, "banana")),
                "saga-orchestrator refused playground.saga.step-timeout=banana: it did not start again");

        assertThat(restarted).containsExactly("saga-orchestrator", "saga-orchestrator");
        assertThat(configuration.overlay("saga-orchestrator")).containsExactly(Map.entry(STEP_TIMEOUT, "20s"));
    }

    @Test
    void aRefusedRefreshPutsThePreviousOverlayBackAndSaysSoWhenThatFailsToo() {
        configuration.set("order-service", Map.of(THRESHOLD, "70"));
        running.add("order-service");
        app.answer("POST /actuator/refresh", 500, "{}");

        assertThatThrownBy(() -> configuration.set("order-service", Map.of(THRESHOLD, "150")))
                .hasMessageContaining("its refresh failed (HTTP 500)")
                .hasMessageContaining("Putting the previous settings back failed too");

        assertThat(configuration.overlay("order-service")).containsExactly(Map.entry(THRESHOLD, "70"));
        assertThat(app.requests()).extracting(Request::method).containsExactly("POST", "POST");
    }

    @Test
    void aValueTheRunningAppDoesNotReportIsRefusedToo() {
        running.add("saga-orchestrator");
        // Something else wins over the overlay for this key: the app keeps 60s.
        app.answer("GET /actuator/env/" + STEP_TIMEOUT, 200,
                "{\"property\":{\"source\":\"commandLineArgs\",\"value\":\"60s\"}}");

        assertRefused(() -> configuration.set("saga-orchestrator", Map.of(STEP_TIMEOUT, "20s")),
                "saga-orchestrator reports playground.saga.step-timeout=60s (from commandLineArgs)");

        assertThat(configuration.overlay("saga-orchestrator")).isEmpty();
        assertThat(restarted).containsExactly("saga-orchestrator", "saga-orchestrator");
    }

    @Test
    void theValueInForceAndThePackagedOneAreReadFromTheRunningApp() {
        running.add("order-service");
        app.answer("GET /actuator/env/" + THRESHOLD, 200, """
                {"property": {"source": "%1$s", "value": "70"},
                 "propertySources": [{"name": "commandLineArgs"}, {"name": "%1$s", "property": {"value": "70"}},
                   {"name": "Config resource 'class path resource [application.yml]'", "property": {"value": 50}}]}"""
                .formatted(overlaySource("order-service")));

        assertThat(configuration.effective("order-service", THRESHOLD)).isEqualTo("70");
        assertThat(configuration.packaged("order-service", THRESHOLD)).isEqualTo("50");
        assertThat(configuration.effective("order-service", "no.such.key")).isNull();
        assertRefused(() -> configuration.effective("saga-orchestrator", STEP_TIMEOUT), "saga-orchestrator is not running.");
    }

    @Test
    void unsetTakesOneKeyOutAndTheSameValueTwiceChangesNothing() {
        configuration.set("order-service", Map.of(THRESHOLD, "70", "logging.level.root", "DEBUG"));
        running.add("order-service");

        assertThat(configuration.set("order-service", Map.of(THRESHOLD, "70")))
                .isEqualTo(new Configuration.Applied("order-service", true, Duration.ZERO));
        app.answer("POST /actuator/refresh", 200, "[]");
        app.answer("GET /actuator/circuitbreakers", 200, "{}");
        app.answer("GET /actuator/env/" + THRESHOLD, 200,
                "{\"property\":{\"source\":\"class path resource [application.yml]\",\"value\":50}}");

        assertThat(configuration.unset("order-service", THRESHOLD).live()).isTrue();
        assertThat(configuration.overlay("order-service")).containsExactly(Map.entry("logging.level.root", "DEBUG"));
    }

    private String env(String app, String value) {
        return "{\"property\":{\"source\":\"%s\",\"value\":\"%s\"}}".formatted(overlaySource(app), value);
    }

    /** How Spring names the overlay in /actuator/env. */
    private String overlaySource(String app) {
        Path file = configuration.file(app);
        return "Config resource 'file [%s]' via location 'optional:file:%s'".formatted(file, file);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(PlaygroundException.class).hasMessageContaining(message);
    }
}
