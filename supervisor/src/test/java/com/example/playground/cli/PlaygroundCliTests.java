package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlaygroundCliTests {

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownCommandExitsWithTwoAndShowsTheUsage() {
        int exit = run("bogus");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'bogus'", "up [--timeout SECONDS]");
    }

    @Test
    void aCommandThatNeedsANameSaysSo() {
        assertThat(run("kill")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Name a process, e.g. './playground kill payment-service'");
    }

    @Test
    void helpListsTheCommandsAndTheNames() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status", "restart <name>", "saga-orchestrator");
    }

    private int run(String... args) {
        return PlaygroundCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
