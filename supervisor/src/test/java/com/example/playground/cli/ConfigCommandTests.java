package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./playground config} prints with nothing running: the overlay is written, shown and removed. */
class ConfigCommandTests {

    static final String THRESHOLD = "resilience4j.circuitbreaker.instances.inventory-service.failure-rate-threshold";

    @TempDir
    Path home;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ConfigCommand config;

    @BeforeEach
    void supervisor() {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Supervisor supervisor = new Supervisor(home, home.resolve(".playground"), Stack.withPortOffset(22000), out);
        config = new ConfigCommand(supervisor.configuration(), supervisor.state(), out);
    }

    @Test
    void setWritesTheOverlayShowAndDiffListItAndResetRemovesIt() {
        config.run(List.of("config", "set", "order-service", THRESHOLD + "=70", "playground.orders.choreography-timeout=20s"));
        assertThat(printed()).contains(
                "order-service: written to .playground/config/order-service.properties; it applies when order-service starts.");

        config.run(List.of("config", "show", "order-service"));
        assertThat(printed()).contains(THRESHOLD + "=70", "in force once it runs: it is not running now")
                .containsPattern("\\* playground\\.orders\\.choreography-timeout +- +deadline of a choreographed order")
                .containsPattern("  spring\\.http\\.clients\\.read-timeout +- +HTTP client: read timeout");

        config.run(List.of("config", "diff", "order-service"));
        assertThat(printed()).contains("(start it to see the packaged values)", THRESHOLD + ": ? -> 70");

        config.run(List.of("config", "reset", "order-service", THRESHOLD));
        config.run(List.of("config", "diff", "order-service"));
        assertThat(printed()).doesNotContain(THRESHOLD + ": ? -> 70").contains("playground.orders.choreography-timeout: ? -> 20s");

        config.run(List.of("config", "reset", "--all"));
        config.run(List.of("config", "diff", "order-service"));
        assertThat(printed()).contains("order-service: no overlay; its packaged settings are in force.");
        assertThat(home.resolve(".playground/config/order-service.properties")).doesNotExist();
    }

    private String printed() {
        String text = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return text;
    }
}
