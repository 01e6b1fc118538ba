package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTests {

    @TempDir
    Path state;

    @Test
    void writesASingleNodeKraftConfigOnLoopbackAndFormatsTheStorageOnlyOnce() throws IOException {
        List<List<String>> toolRuns = new ArrayList<>();

        Path config = KafkaBroker.prepare(state, 29092, toolRuns::add);

        String properties = Files.readString(config);
        assertThat(properties).contains("process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093",
                "advertised.listeners=PLAINTEXT://127.0.0.1:29092",
                "controller.quorum.voters=1@127.0.0.1:29093");
        assertThat(toolRuns).singleElement().satisfies(run -> assertThat(run).startsWith("kafka.tools.StorageTool", "format"));

        // Formatted storage has meta.properties: the next start keeps the data.
        Files.createDirectories(state.resolve("data/kafka"));
        Files.writeString(state.resolve("data/kafka/meta.properties"), "cluster.id=x");
        KafkaBroker.prepare(state, 29092, toolRuns::add);
        assertThat(toolRuns).hasSize(1);
    }

    @Test
    void clusterIdsAreWhatKafkasOwnToolMakes() {
        assertThat(KafkaBroker.newClusterId()).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(KafkaBroker.newClusterId()).isNotEqualTo(KafkaBroker.newClusterId());
        // One in 64 random ids starts with '-', which the storage formatter takes for an option.
        assertThat(java.util.stream.IntStream.range(0, 1000).mapToObj(i -> KafkaBroker.newClusterId()))
                .noneMatch(id -> id.startsWith("-"));
    }
}
