package com.example.playground.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The latest records of a topic, read with assigned partitions from a consumer that commits nothing,
 * so looking changes nothing: what {@code /actuator/deadletters} and {@code /actuator/messages} show.
 */
final class LatestRecords {

    static final Duration READ_TIME = Duration.ofSeconds(3);
    private static final int PAYLOAD_LIMIT = 2000;

    /** The newest {@code latest} of a topic, newest first, and how many it holds in all. */
    record Read(long count, List<ConsumerRecord<String, String>> latest) {
    }

    private LatestRecords() {
    }

    static Read of(Consumer<String, String> consumer, String topic, int latest) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIME).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            return new Read(0, List.of());
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIME);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIME);
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        // The newest of all partitions are among the newest of each.
        partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - latest)));
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIME.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        read.sort(Comparator.comparingLong((ConsumerRecord<String, String> r) -> r.timestamp()).reversed());
        return new Read(count, List.copyOf(read.subList(0, Math.min(latest, read.size()))));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String truncated(String payload) {
        return payload == null || payload.length() <= PAYLOAD_LIMIT ? payload : payload.substring(0, PAYLOAD_LIMIT) + "…";
    }
}
