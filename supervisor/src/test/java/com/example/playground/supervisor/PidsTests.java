package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Component.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidsTests {

    @TempDir
    Path home;

    Process started;

    @AfterEach
    void stopIt() {
        if (started != null) {
            started.destroyForcibly();
        }
    }

    @Test
    void aProcessCarryingOurMarkerIsOursAndFoundAgainFromItsPidFile() throws IOException {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        Component orders = new Component("order-service", Kind.SERVICE, 1, 2, "32m", null);
        // A shell whose command line carries the marker, as a launched JVM's does.
        started = new ProcessBuilder("sh", "-c", "sleep 30; :", new Pids(state).marker(orders)).start();
        Pids pids = new Pids(state);

        pids.record(orders, started.toHandle());

        assertThat(pids.isRunning(orders)).isTrue();
        assertThat(new Pids(state).of(orders)).map(ProcessHandle::pid).hasValue(started.pid());
        pids.forget(orders);
        assertThat(pids.of(orders)).isEmpty();
        assertThat(pids.isRunning(orders)).isFalse();
    }

    @Test
    void aStalePidFileOfSomeoneElsesProcessIsNotOurs() throws IOException {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        // Our own pid: alive, but its command line carries no playground marker.
        Files.writeString(state.run().resolve("order-service.pid"), Long.toString(ProcessHandle.current().pid()));
        Component orders = new Component("order-service", Kind.SERVICE, 1, 2, "32m", null);

        assertThat(new Pids(state).of(orders)).isEmpty();
        assertThat(new Pids(state).isRunning(orders)).isFalse();
    }

    @Test
    void theMarkerNamesTheComponentAndTheStateFolder() {
        StateFolder one = new StateFolder(home, home.resolve("one"));
        Component kafka = new Component("kafka", Kind.KAFKA, 1, 0, "32m", null);

        assertThat(new Pids(one).marker(kafka)).isEqualTo("-Dplayground.process=kafka@" + home.resolve("one"));
        assertThat(new Pids(new StateFolder(home, home.resolve("two"))).marker(kafka))
                .isNotEqualTo(new Pids(one).marker(kafka));
    }
}
