package com.example.playground.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one JVM, no ZooKeeper),
 * run from the kafka_2.13 Maven artifact. Its storage is formatted once, on the first start, and
 * kept in the state folder, so topics and messages survive a restart.
 */
final class KafkaBroker {

    private KafkaBroker() {
    }

    /** Writes the broker's config (ports may differ per stack), formats the storage if new, returns the config. */
    static Path prepare(Path state, int port, Consumer<List<String>> kafkaTool) {
        Path folder = state.resolve("kafka");
        Path data = state.resolve("data").resolve("kafka");
        Path config = folder.resolve("server.properties");
        try {
            Files.createDirectories(folder);
            Files.writeString(config, serverProperties(port, data));
            Files.writeString(folder.resolve("log4j2.properties"), LOG4J2);
            if (!Files.exists(data.resolve("meta.properties"))) {
                kafkaTool.accept(List.of("kafka.tools.StorageTool", "format",
                        "-t", Supervisor.newClusterId(), "-c", config.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static String serverProperties(int port, Path data) {
        int controller = port + 1;
        return """
                # Written by ./playground at every start: a single-node KRaft broker on loopback.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                # One node: every internal topic has one replica, and one partition is plenty.
                offsets.topic.num.partitions=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # The log cleaner (compaction of __consumer_offsets) takes 128 MB of heap by default.
                log.cleaner.dedupe.buffer.size=16777216
                # Demo setting: consumers get their partitions at once instead of after 3 s.
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controller, data.toString().replace('\\', '/'));
    }

    private static final String LOG4J2 = """
            # Kafka's own logging, to the broker's log file (its standard output).
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
            rootLogger.level = info
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = info
            logger.state.name = state.change.logger
            logger.state.level = warn
            logger.request.name = kafka.request.logger
            logger.request.level = warn
            """;
}
