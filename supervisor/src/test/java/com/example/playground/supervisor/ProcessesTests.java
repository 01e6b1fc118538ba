package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launching, stopping and killing real (tiny) processes: shells that sleep, marked as ours. */
class ProcessesTests {

    @TempDir
    Path home;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final Component kafka = new Component("kafka", Kind.KAFKA, 1, 0, "32m", null);
    final Component orders = new Component("order-service", Kind.SERVICE, 3, 4, "32m", null);
    StateFolder state;
    Pids pids;
    Processes processes;

    @BeforeEach
    void setUp() {
        state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        pids = new Pids(state);
        processes = new Processes(state, pids,
                c -> List.of("sh", "-c", "echo hello from " + c.name() + "; sleep 30; :", pids.marker(c)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void leaveNothingRunning() {
        processes.stop(List.of(orders, kafka));
    }

    @Test
    void aLaunchedProcessRunsLogsToItsFileAndIsKnownByItsPid() throws Exception {
        processes.launch(orders);

        assertThat(pids.isRunning(orders)).isTrue();
        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThat(Files.readString(state.logOf("order-service"))).contains("starting order-service",
                        "hello from order-service"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("started order-service");
    }

    @Test
    void stopEndsEverythingButTheBrokerFirstAndForgetsThePids() {
        processes.launch(kafka);
        processes.launch(orders);

        processes.stop(List.of(kafka, orders));

        assertThat(pids.of(kafka)).isEmpty();
        assertThat(pids.of(orders)).isEmpty();
        String said = printed.toString(StandardCharsets.UTF_8);
        assertThat(said.indexOf("stopped order-service")).isLessThan(said.indexOf("stopped kafka"));
    }

    @Test
    void killEndsAProcessAtOnceAndWhatDoesNotRunCannotBeKilled() {
        processes.launch(orders);
        ProcessHandle process = pids.of(orders).orElseThrow();

        processes.kill(orders);

        assertThat(process.isAlive()).isFalse();
        assertThatThrownBy(() -> processes.kill(kafka)).hasMessage("kafka is not running.");
    }
}
