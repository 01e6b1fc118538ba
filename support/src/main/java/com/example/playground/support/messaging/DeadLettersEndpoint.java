package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
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
    private static final int PAYLOAD_LIMIT = 2000;
    private static final Duration READ_TIME = Duration.ofSeconds(3);

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
        List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIME).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            return new DeadLetterTopic(0, List.of());
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIME);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIME);
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - LATEST)));
        List<DeadLetter> latest = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIME.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                latest.add(new DeadLetter(record.partition(), record.offset(), record.key(),
                        header(record, Topics.TYPE_HEADER), header(record, Topics.ID_HEADER),
                        header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                        truncate(record.value()), Instant.ofEpochMilli(record.timestamp())));
            }
        }
        latest.sort(Comparator.comparing(DeadLetter::parkedAt).reversed());
        return new DeadLetterTopic(count, latest.subList(0, Math.min(LATEST, latest.size())));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String payload) {
        return payload == null || payload.length() <= PAYLOAD_LIMIT ? payload : payload.substring(0, PAYLOAD_LIMIT) + "…";
    }
}
