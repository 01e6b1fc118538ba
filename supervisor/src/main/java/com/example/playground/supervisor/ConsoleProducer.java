package com.example.playground.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes one record onto a topic with Kafka's own console producer, in a short-lived JVM from the
 * broker's jars: what the dead-letter page does by hand, for a lab that starts with a poison message
 * waiting. The CLI has no Kafka client on its class path (it starts a JVM for every command), and
 * the services' management endpoints only copy records they consumed; so, like the storage
 * formatter in {@link KafkaBroker}, a tool of Kafka's. Its output goes to the broker's log.
 */
public final class ConsoleProducer {

    private final Supervisor supervisor;

    public ConsoleProducer(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /**
     * Sends {@code value} with these headers (no key) and waits for the tool to end. Header names and
     * values must not hold {@code , : |} or a line break, the tool's separators; the value must not
     * hold a line break (one line is one record).
     */
    public void send(String topic, Map<String, String> headers, String value) {
        String line = headers.entrySet().stream().map(h -> h.getKey() + ":" + h.getValue())
                .collect(Collectors.joining(",")) + "|" + value + "\n";
        StateFolder state = supervisor.state();
        List<String> command = List.of(CommandLines.javaExecutable(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + state.kafka().resolve("log4j2.properties"),
                "-cp", KafkaBroker.libraries(state) + File.separator + "*",
                "org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", "127.0.0.1:" + supervisor.stack().kafkaPort(), "--topic", topic,
                "--property", "parse.headers=true", "--property", "headers.delimiter=|");
        try {
            Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.logOf("kafka").toFile())).start();
            try (OutputStream in = tool.getOutputStream()) {
                in.write(line.getBytes(StandardCharsets.UTF_8));
            }
            if (!tool.waitFor(2, TimeUnit.MINUTES) || tool.exitValue() != 0) {
                tool.destroy();
                throw new PlaygroundException("Kafka's console producer could not write to " + topic + "; read "
                        + state.relative(state.logOf("kafka")), PlaygroundException.FAILED);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot run Kafka's console producer: " + e.getMessage(),
                    PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }
}
