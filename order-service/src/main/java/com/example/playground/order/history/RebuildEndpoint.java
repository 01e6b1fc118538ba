package com.example.playground.order.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/rebuild} on the management port: {@code GET} says how the order history stands
 * (rows, how far behind, paused, rebuilds since the service started, a digest of every row); {@code POST} throws it away and replays the
 * event topics into it from their start. {@code ./playground rebuild order-service} calls it and
 * waits until the replay has caught up; a rebuild of an unbroken history ends with the same digest.
 *
 * <p>The replay: the projection's consumers stop (they leave their group), both tables are emptied
 * in one transaction, the group's offsets are set to the start of every partition, and the
 * consumers start again. While it replays, the history answers with what it has read so far.
 */
@Component
@Endpoint(id = "rebuild")
class RebuildEndpoint {

    private static final Logger log = LoggerFactory.getLogger(RebuildEndpoint.class);

    private final OrderHistory history;
    private final OrderHistoryProjection projection;
    private final ProjectionLag lag;
    private final AtomicInteger rebuilds = new AtomicInteger();
    private volatile Instant lastRebuild;

    RebuildEndpoint(OrderHistory history, OrderHistoryProjection projection, ProjectionLag lag) {
        this.history = history;
        this.projection = projection;
        this.lag = lag;
    }

    /** Behind is counted afresh, not the last second's figure; the digest only once nothing is left to read. */
    @ReadOperation
    Map<String, Object> status() {
        lag.measure();
        long behind = lag.behind();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("readModel", "order-history");
        status.put("source", "the event topics");
        status.put("rows", history.rows());
        status.put("eventsRead", history.eventsRead());
        status.put("behind", behind);
        status.put("lagSeconds", lag.lagSeconds());
        status.put("paused", projection.isPaused());
        status.put("rebuilds", rebuilds.get());
        status.put("lastRebuild", lastRebuild == null ? null : lastRebuild.toString());
        status.put("digest", behind == 0 ? digest() : null);
        return status;
    }

    @WriteOperation
    Map<String, Object> rebuild() throws Exception {
        long started = System.nanoTime();
        long before = history.rows();
        MessageListenerContainer container = projection.container();
        container.stop();
        long stopped = System.nanoTime();
        try {
            history.clear();
            long cleared = System.nanoTime();
            rewind();
            log.info("Rebuilding the order history: consumers stopped in {} ms, {} rows thrown away in {} ms, "
                    + "offsets rewound in {} ms", (stopped - started) / 1_000_000, before, (cleared - stopped) / 1_000_000,
                    (System.nanoTime() - cleared) / 1_000_000);
        } finally {
            container.start();
            if (projection.isPaused()) {
                container.pause();
            }
        }
        // Counted again now, not at the next second: whoever asks next must see the replay still to do.
        lag.measure();
        rebuilds.incrementAndGet();
        lastRebuild = Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("readModel", "order-history");
        answer.put("rowsThrownAway", before);
        answer.put("replayingFromTheStart", true);
        answer.put("tookMillis", Duration.ofNanos(System.nanoTime() - started).toMillis());
        return answer;
    }

    /** Every partition of the three topics, for the projection's group, back to its first record. */
    private void rewind() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        Duration wait = Duration.ofSeconds(5);
        lag.offsets(lag.partitions(wait), OffsetSpec.earliest(), wait)
                .forEach((partition, offset) -> start.put(partition, new OffsetAndMetadata(offset)));
        lag.admin().alterConsumerGroupOffsets(OrderHistoryProjection.GROUP, start).all().get(10, TimeUnit.SECONDS);
    }

    /** SHA-256 over every row in order: two histories with the same digest hold the same rows. */
    private String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (OrderHistory.Entry entry : history.all()) {
                sha.update(entry.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
