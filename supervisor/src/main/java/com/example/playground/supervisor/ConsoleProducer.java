package com.example.playground.supervisor;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes one record onto a topic with Kafka's own console producer, in a short-lived JVM from the
 * broker's jars: what the dead-letter page does by hand, for a lab that starts with a poison message
 * waiting. The CLI has no Kafka client on its class path (it starts a JVM for every command), and
 * the services' management endpoints only copy records they consumed; so, like the storage
 * formatter in {@link KafkaBroker}, a tool of Kafka's, run the same way. Its output goes to the broker's log.
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
        KafkaBroker.runTool(supervisor.state(), List.of("org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", "127.0.0.1:" + supervisor.stack().kafkaPort(), "--topic", topic,
                "--property", "parse.headers=true", "--property", "headers.delimiter=|"), line);
    }
}
