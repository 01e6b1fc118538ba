package com.example.playground.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one JVM, no ZooKeeper),
 * run from the kafka_2.13 Maven artifact. Its storage is formatted once, on the first start, and
 * kept in the state folder, so topics and messages survive a restart. Kafka's own tools (the
 * storage formatter) run from the same jars, in a short-lived JVM of their own.
 */
final class KafkaBroker {

    private KafkaBroker() {
    }

    /** The program arguments of the broker's JVM: config written, storage formatted if new. */
    static List<String> command(StateFolder state, int port) {
        Path config = prepare(state.root(), port, toolArgs -> runTool(state, toolArgs, ""));
        return List.of("-Dlog4j2.configurationFile=" + config.resolveSibling("log4j2.properties"),
                "-cp", classPath(state), "kafka.Kafka", config.toString());
    }

    /** Where the build copied the broker's jars (kafka_2.13, kafka-tools and a log4j binding). */
    static Path libraries(StateFolder state) {
        return state.home().resolve("supervisor/target/kafka-lib");
    }

    private static String classPath(StateFolder state) {
        return libraries(state) + File.separator + "*";
    }

    /**
     * Runs one of Kafka's command-line tools with {@code input} on its standard input (empty for none),
     * its output appended to the broker's log; at most two minutes.
     */
    static void runTool(StateFolder state, List<String> toolArgs, String input) {
        List<String> command = new ArrayList<>(List.of(CommandLines.javaExecutable(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + state.kafka().resolve("log4j2.properties"),
                "-cp", classPath(state)));
        command.addAll(toolArgs);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.logOf("kafka").toFile())).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new PlaygroundException("Kafka's " + toolArgs.get(0) + " failed; read "
                        + state.relative(state.logOf("kafka")), PlaygroundException.FAILED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }

    /**
     * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own tool makes.
     * Never one that starts with '-' (one in 64 does): the storage formatter would read it as an
     * option and fail the start. Kafka's {@code Uuid.randomUuid()} skips those for the same reason.
     */
    static String newClusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        return id;
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
                        "-t", newClusterId(), "-c", config.toString()));
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
