package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One 'up' at a time per state folder: a second waits, says so, and is refused if the first never ends. */
class UpLockTests {

    @TempDir
    Path state;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aSecondUpWaitsForTheFirstAndIsRefusedIfItNeverEnds() {
        Path file = state.resolve("run/up.lock");
        try (UpLock first = UpLock.take(file, Duration.ofSeconds(1), out)) {
            assertThatThrownBy(() -> UpLock.take(file, Duration.ofMillis(500), out)).isInstanceOf(PlaygroundException.class)
                    .hasMessageContaining("Another 'up' has been changing the stack");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Waiting for another 'up' to finish");
        }
        try (UpLock second = UpLock.take(file, Duration.ofMillis(500), out)) {
            assertThat(second).isNotNull();
        }
    }
}
