package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTests {

    @TempDir
    Path home;

    @Test
    void tailGivesTheLastLinesOfALog() throws IOException {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        assertThat(state.tail("gateway", 3)).isEqualTo("(no log yet)");

        Files.writeString(state.logOf("gateway"), IntStream.rangeClosed(1, 500).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")));

        assertThat(state.tail("gateway", 3)).isEqualTo("line 498\nline 499\nline 500");
    }

    @Test
    void deletingTheDataDeletesTheServicesDatabasesAndLeavesTheRunningBrokersLog() throws IOException {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        state.createFolders();
        Path database = Files.writeString(state.data().resolve("order-service.mv.db"), "orders");
        Path brokerLog = state.data().resolve("kafka").resolve("orders.events-0");
        Files.createDirectories(brokerLog);
        Path meta = Files.writeString(state.data().resolve("kafka").resolve("meta.properties"), "cluster.id=x");

        state.deleteData();

        assertThat(database).doesNotExist();
        assertThat(brokerLog).isDirectory();
        assertThat(meta).hasContent("cluster.id=x");
    }

    @Test
    void pathsArePrintedAsTheUserTypesThemFromTheProject() {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));

        assertThat(state.relative(state.logOf("kafka"))).isEqualTo(Path.of(".playground", "logs", "kafka.log").toString());
        assertThat(state.relative(Path.of("/elsewhere/x"))).isEqualTo("/elsewhere/x");
    }
}
