package com.example.playground.support.redelivery;

import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.MessageReceived;
import com.example.playground.support.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Delivers a record this service has consumed once more, as Kafka itself would after a consumer
 * died between its work and its offset commit: same topic and partition, same key, value and
 * headers (so the same {@code message-id}). Then waits, for a bounded time, until the service's
 * consumer group has committed past the copy, and says whether this instance's inbox skipped it as
 * a duplicate. {@code ./playground redeliver} calls it through {@link RedeliveryController}.
 *
 * <p>Sent with a plain producer from the service's producer factory, not its {@code KafkaTemplate}:
 * the template's observation would add trace headers of its own, and the copy must be byte for byte.
 */
class Redelivery {

    private final ConsumerFactory<String, String> consumers;
    private final ProducerFactory<String, String> producers;
    private final ListenedTopics listened;
    private final Duration wait;
    /** Group and message id of each copy on its way, and what that group's inbox said it did with it. */
    private final Map<String, CompletableFuture<MessageReceived>> awaited = new ConcurrentHashMap<>();

    Redelivery(ConsumerFactory<String, String> consumers, ProducerFactory<String, String> producers,
            ListenedTopics listened, Duration wait) {
        this.consumers = consumers;
        this.producers = producers;
        this.listened = listened;
        this.wait = wait;
    }

    /** Where a redelivered record came from, where its copy went, and what became of the copy. */
    record Redelivered(String topic, int partition, long offset, @Nullable String messageType,
                       @Nullable String messageId, @Nullable String orderId, long sentAsOffset, String group,
                       boolean consumed, @Nullable Boolean skippedAsDuplicate, @Nullable Boolean ignored,
                       long waitedMillis) {
    }

    /** Redelivers the record at this offset (on this partition, or the only one where the group consumed it). */
    Redelivered offset(String topic, @Nullable Integer partition, long offset) {
        String group = listened.groupOf(topic);
        try (Consumer<String, String> consumer = Records.consumer(consumers, group)) {
            List<TopicPartition> partitions = partitions(consumer, topic, partition);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions),
                    Records.KAFKA_TIME);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, Records.KAFKA_TIME);
            List<TopicPartition> consumedThere = partitions.stream()
                    .filter(p -> offset >= beginning.get(p) && offset < next(committed, p)).toList();
            if (consumedThere.isEmpty()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "offset-not-consumed",
                        "Not a record this service has consumed", "Group " + group + " has consumed "
                        + ranges(partitions, beginning, committed) + " of " + topic + "; offset " + offset
                        + " is not among them");
            }
            if (consumedThere.size() > 1) {
                throw invalid("Offset " + offset + " of " + topic + " was consumed on partitions "
                        + consumedThere.stream().map(p -> String.valueOf(p.partition())).toList() + ": name one");
            }
            TopicPartition where = consumedThere.get(0);
            ConsumerRecord<String, String> record = Records.at(consumer, where, offset)
                    .orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "offset-not-consumed",
                            "Not a record this service has consumed", "No record at offset " + offset + " of " + where));
            return sendAgain(consumer, group, record);
        }
    }

    /** Redelivers the newest record the service's group has consumed on this topic, across its partitions. */
    Redelivered last(String topic) {
        String group = listened.groupOf(topic);
        try (Consumer<String, String> consumer = Records.consumer(consumers, group)) {
            List<TopicPartition> partitions = partitions(consumer, topic, null);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions),
                    Records.KAFKA_TIME);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, Records.KAFKA_TIME);
            List<ConsumerRecord<String, String>> lastOfEach = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long last = next(committed, p) - 1;
                if (last >= beginning.get(p)) {
                    Records.at(consumer, p, last).ifPresent(lastOfEach::add);
                }
            }
            ConsumerRecord<String, String> newest = lastOfEach.stream()
                    .max(Comparator.comparingLong(ConsumerRecord::timestamp))
                    .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "nothing-consumed",
                            "Nothing consumed yet", "Group " + group + " has consumed nothing on " + topic + " yet"));
            return sendAgain(consumer, group, newest);
        }
    }

    /** The inbox's word on a record: if a copy we sent is awaited, this is its outcome. */
    @EventListener
    void received(MessageReceived received) {
        CompletableFuture<MessageReceived> copy = awaited.get(awaitedKey(received.group(), received.messageId()));
        if (copy != null) {
            copy.complete(received);
        }
    }

    private Redelivered sendAgain(Consumer<String, String> consumer, String group, ConsumerRecord<String, String> record) {
        String messageId = Records.header(record, Topics.ID_HEADER);
        CompletableFuture<MessageReceived> outcome = new CompletableFuture<>();
        if (messageId != null) {
            awaited.put(awaitedKey(group, messageId), outcome);
        }
        try {
            RecordMetadata sent = Records.send(producers, new ProducerRecord<>(record.topic(), record.partition(),
                    record.key(), record.value(), record.headers()));
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            long started = System.nanoTime();
            boolean consumed = awaitCommitPast(consumer, partition, sent.offset());
            MessageReceived received = consumed ? outcome.getNow(null) : null;
            return new Redelivered(record.topic(), record.partition(), record.offset(),
                    Records.header(record, Topics.TYPE_HEADER), messageId, record.key(), sent.offset(), group, consumed,
                    received == null ? null : received.duplicate(), received == null ? null : received.ignored(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            if (messageId != null) {
                awaited.remove(awaitedKey(group, messageId), outcome);
            }
        }
    }

    /** True once the group has committed an offset past the copy: the service is done with it. */
    private boolean awaitCommitPast(Consumer<String, String> consumer, TopicPartition partition, long offset) {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition), Records.KAFKA_TIME).get(partition);
            if (committed != null && committed.offset() > offset) {
                return true;
            }
            pause();
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static List<TopicPartition> partitions(Consumer<String, String> consumer, String topic,
            @Nullable Integer partition) {
        List<TopicPartition> all = consumer.partitionsFor(topic, Records.KAFKA_TIME).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (partition == null) {
            return all;
        }
        return Optional.of(new TopicPartition(topic, partition)).filter(all::contains).map(List::of)
                .orElseThrow(() -> invalid(topic + " has partitions 0 to " + (all.size() - 1) + ", not " + partition));
    }

    /** The next offset the group will read: one past the last it consumed, 0 if it has committed nothing. */
    private static long next(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private static String ranges(List<TopicPartition> partitions, Map<TopicPartition, Long> beginning,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        return String.join(", ", partitions.stream().map(p -> {
            long next = next(committed, p);
            return "partition " + p.partition() + ": " + (next <= beginning.get(p) ? "nothing"
                    : "offsets " + beginning.get(p) + " to " + (next - 1));
        }).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for the copy to be consumed", e);
        }
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-redelivery", "Not a redelivery this service can do",
                detail);
    }

    /** One copy awaited per group and message id: two groups of one service may read the same record. */
    private static String awaitedKey(String group, String messageId) {
        return group + "/" + messageId;
    }
}
