package com.example.playground.support.redelivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Reading single records by their place, with consumers that never commit unless told to, and
 * sending one record as it is.
 */
final class Records {

    static final Duration KAFKA_TIME = Duration.ofSeconds(5);

    private Records() {
    }

    /**
     * A consumer in this group that reads by assigned partitions: it never joins the group (so the
     * service's own listeners are not disturbed) and commits only when asked to.
     */
    static Consumer<String, String> consumer(ConsumerFactory<String, String> consumers, String group) {
        Properties manual = new Properties();
        manual.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return consumers.createConsumer(group, null, null, manual);
    }

    /** The record at this offset, if the log still holds it. */
    static Optional<ConsumerRecord<String, String>> at(Consumer<String, String> consumer, TopicPartition partition,
            long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + KAFKA_TIME.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() >= offset) {
                    return record.offset() == offset ? Optional.of(record) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Sends a record with a plain producer of the service's factory (its shared one, so not closed
     * here) and waits for the broker's acknowledgement.
     */
    static RecordMetadata send(ProducerFactory<String, String> producers, ProducerRecord<String, String> record) {
        try {
            return producers.createProducer().send(record).get(KAFKA_TIME.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not send to " + record.topic() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while sending to " + record.topic(), e);
        }
    }
}
