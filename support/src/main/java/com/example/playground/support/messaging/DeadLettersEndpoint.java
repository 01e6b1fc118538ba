package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * {@code /actuator/deadletters} on the management port: for every topic this service listens on,
 * how many messages were parked on its dead-letter topic, and the latest few with their message id
 * and the error that parked them. {@code ./playground dead-letters} prints it. Reads with assigned
 * partitions and commits nothing, so looking changes nothing.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private static final int LATEST = 10;

    private final ConsumerFactory<String, String> consumers;
    private final KafkaListenerEndpointRegistry listeners;

    public DeadLettersEndpoint(ConsumerFactory<String, String> consumers, KafkaListenerEndpointRegistry listeners) {
        this.consumers = consumers;
        this.listeners = listeners;
    }

    public record DeadLetterTopic(long count, List<DeadLetter> latest) {
    }

    /** {@code messageId}: the record's own id, which a replay keeps, so the inbox knows it if it was handled. */
    public record DeadLetter(int partition, long offset, String key, String type, String messageId, String error,
                             String payload, Instant parkedAt) {
    }

    @ReadOperation
    public Map<String, DeadLetterTopic> deadLetters() {
        TreeSet<String> topics = new TreeSet<>();
        listeners.getListenerContainers().forEach(container -> {
            String[] listened = container.getContainerProperties().getTopics();
            if (listened != null) {
                for (String topic : listened) {
                    topics.add(Topics.deadLetter(topic));
                }
            }
        });
        Map<String, DeadLetterTopic> result = new LinkedHashMap<>();
        Properties readOnly = new Properties();
        readOnly.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, String> consumer = consumers.createConsumer(null, "dead-letter-reader", null, readOnly)) {
            for (String topic : topics) {
                result.put(topic, read(consumer, topic));
            }
        }
        return result;
    }

    private static DeadLetterTopic read(Consumer<String, String> consumer, String topic) {
        LatestRecords.Read read = LatestRecords.of(consumer, topic, LATEST);
        List<DeadLetter> latest = read.latest().stream().map(record -> new DeadLetter(record.partition(), record.offset(),
                record.key(), LatestRecords.header(record, Topics.TYPE_HEADER), LatestRecords.header(record, Topics.ID_HEADER),
                LatestRecords.header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), LatestRecords.truncated(record.value()),
                Instant.ofEpochMilli(record.timestamp()))).toList();
        return new DeadLetterTopic(read.count(), latest);
    }
}
