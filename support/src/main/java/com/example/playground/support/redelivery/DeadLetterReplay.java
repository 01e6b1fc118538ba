package com.example.playground.support.redelivery;

import com.example.playground.contracts.Topics;
import com.example.playground.support.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Puts messages parked on a dead-letter topic back onto the topic they came from, one decision at a
 * time: {@link #waiting} lists the parked messages nobody has decided on yet, and {@link #decide}
 * replays one (original key, value and headers, without the exception headers the dead-lettering
 * added) or passes over it. Whether a message may be replayed is the caller's judgement (the
 * supervisor asks the order's saga first); this class only makes sure each parked message is
 * decided on once.
 *
 * <p>Once: a consumer group of its own per dead-letter topic ({@code <group>.dlt-replay}) whose
 * committed offset is the next message waiting. A decision must name exactly that message, is taken
 * under one lock, and commits right after the replayed copy is acknowledged; a message already
 * decided on, or one behind another still waiting, is refused with a 409. Should this process die
 * between the send and the commit, the message would be offered again and could be sent twice: the
 * copy keeps its {@code message-id}, so the listener's idempotent inbox skips the second one.
 */
class DeadLetterReplay {

    private static final String DEAD_LETTER_HEADERS = KafkaHeaders.PREFIX + "dlt-";

    private final ConsumerFactory<String, String> consumers;
    private final ProducerFactory<String, String> producers;
    private final ListenedTopics listened;

    DeadLetterReplay(ConsumerFactory<String, String> consumers, ProducerFactory<String, String> producers,
            ListenedTopics listened) {
        this.consumers = consumers;
        this.producers = producers;
        this.listened = listened;
    }

    /** A parked message nobody has decided on yet; {@code topic} is where it came from and would go back to. */
    record Parked(String topic, int partition, long offset, @Nullable String orderId, @Nullable String messageType,
                  @Nullable String messageId, @Nullable String error, Instant parkedAt) {
    }

    /** What was done with one parked message; where its copy went if it was replayed. */
    record Decided(String topic, int partition, long offset, boolean replayed, @Nullable Integer sentToPartition,
                   @Nullable Long sentToOffset) {
    }

    /** The messages waiting on the dead-letter topic of every topic this service reads, or of one; oldest first. */
    List<Parked> waiting(@Nullable String topic, int limit) {
        List<String> topics = topic == null ? List.copyOf(listened.groups().keySet()) : List.of(topic);
        List<Parked> waiting = new ArrayList<>();
        for (String t : topics) {
            String group = replayGroup(t);
            try (Consumer<String, String> consumer = Records.consumer(consumers, group)) {
                waiting.addAll(waiting(consumer, t, limit - waiting.size()));
            }
        }
        return waiting;
    }

    /** Replays the parked message at this offset, or passes over it, and marks it decided. */
    synchronized Decided decide(String topic, int partition, long offset, boolean replay) {
        String group = replayGroup(topic);
        TopicPartition parked = new TopicPartition(Topics.deadLetter(topic), partition);
        try (Consumer<String, String> consumer = Records.consumer(consumers, group)) {
            if (consumer.partitionsFor(parked.topic(), Records.KAFKA_TIME).stream()
                    .noneMatch(info -> info.partition() == partition)) {
                throw notWaiting(parked, offset, parked.topic() + " has no partition " + partition);
            }
            long next = next(consumer, parked);
            long end = consumer.endOffsets(List.of(parked), Records.KAFKA_TIME).getOrDefault(parked, 0L);
            if (offset != next || offset >= end) {
                throw notWaiting(parked, offset, next < end ? "the next one waiting is offset " + next
                        : "nothing waits there");
            }
            ConsumerRecord<String, String> record = Records.at(consumer, parked, offset)
                    .orElseThrow(() -> notWaiting(parked, offset, "the log no longer holds it"));
            RecordMetadata sent = replay ? send(record, topic) : null;
            consumer.commitSync(Map.of(parked, new OffsetAndMetadata(offset + 1, replay ? "replayed" : "passed over")),
                    Records.KAFKA_TIME);
            return new Decided(topic, partition, offset, replay, sent == null ? null : sent.partition(),
                    sent == null ? null : sent.offset());
        }
    }

    private List<Parked> waiting(Consumer<String, String> consumer, String topic, int limit) {
        String deadLetters = Topics.deadLetter(topic);
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, Records.KAFKA_TIME).stream()
                .map(info -> new TopicPartition(deadLetters, info.partition())).toList();
        if (partitions.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Records.KAFKA_TIME);
        consumer.assign(partitions);
        for (TopicPartition p : partitions) {
            consumer.seek(p, next(consumer, p));
        }
        List<Parked> waiting = new ArrayList<>();
        long deadline = System.nanoTime() + Records.KAFKA_TIME.toNanos();
        while (waiting.size() < limit && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                waiting.add(new Parked(topic, record.partition(), record.offset(), record.key(),
                        Records.header(record, Topics.TYPE_HEADER), Records.header(record, Topics.ID_HEADER),
                        Records.header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                        Instant.ofEpochMilli(record.timestamp())));
            }
        }
        waiting.sort(Comparator.comparingInt(Parked::partition).thenComparingLong(Parked::offset));
        return waiting.subList(0, Math.min(limit, waiting.size()));
    }

    /** The replay group's next offset: past the last decided message, or the oldest one the log still holds. */
    private static long next(Consumer<String, String> consumer, TopicPartition partition) {
        OffsetAndMetadata committed = consumer.committed(new HashSet<>(List.of(partition)), Records.KAFKA_TIME)
                .get(partition);
        long beginning = consumer.beginningOffsets(List.of(partition), Records.KAFKA_TIME).getOrDefault(partition, 0L);
        return Math.max(beginning, committed == null ? 0 : committed.offset());
    }

    /** Back where it came from, keyed by its order as before, without the headers dead-lettering added. */
    private RecordMetadata send(ConsumerRecord<String, String> parked, String topic) {
        List<Header> headers = StreamSupport.stream(parked.headers().spliterator(), false)
                .filter(header -> !header.key().startsWith(DEAD_LETTER_HEADERS)).toList();
        return Records.send(producers, new ProducerRecord<>(topic, null, parked.key(), parked.value(), headers));
    }

    private String replayGroup(String topic) {
        return listened.groupOf(topic) + ".dlt-replay";
    }

    private static ProblemException notWaiting(TopicPartition parked, long offset, String why) {
        return new ProblemException(HttpStatus.CONFLICT, "dead-letter-not-waiting", "Not the next message waiting",
                "Offset " + offset + " of " + parked + " is not waiting for a decision (decided already, or an earlier "
                + "one waits): " + why);
    }
}
