package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.leader.Leadership;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what {@link Outbox} stored, oldest first, and stamps rows as sent once Kafka has
 * acknowledged them. If the process dies between the send and the stamp, the message is sent again
 * after the restart: delivery is at-least-once, and consumers are idempotent for that reason.
 *
 * <p>A pass runs as soon as a transaction that stored rows commits ({@link #wake()}, called by the
 * outbox), and on a slow poll that is only the safety net: rows a previous process left, rows held
 * back while the relay was paused or Kafka was away, rows another instance sharing the database
 * stored. One pass at a time, on Spring Boot's task executor, and only on the service's leader
 * ({@link Leadership}): with several instances sharing the database, the others' wake-ups and polls
 * do nothing, and the leader's next poll sends what they stored.
 */
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH_SIZE = 100;
    // Counted from when the whole batch has been handed to the producer, so every send's own
    // delivery.timeout.ms (10 s, playground-service.yml) has begun and the producer's verdict comes first.
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final Clock clock;
    private final Faults faults;
    private final ObservationRegistry observations;
    private final JsonMapper json;
    private final TaskExecutor executor;
    private final Leadership leadership;
    /** Wake-ups that no pass has answered yet: above zero exactly while a pass is queued or running. */
    private final AtomicInteger wakeUps = new AtomicInteger();

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, Clock clock, Faults faults,
            ObservationRegistry observations, JsonMapper json, TaskExecutor executor, Leadership leadership) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
        this.faults = faults;
        this.observations = observations;
        this.json = json;
        this.executor = executor;
        this.leadership = leadership;
    }

    /** Asks for a pass and returns at once: the caller is a transaction that has just committed. */
    void wake() {
        if (wakeUps.getAndIncrement() > 0) {
            return; // a pass is queued or running, and runs once more for this wake-up
        }
        try {
            executor.execute(this::passes);
        } catch (TaskRejectedException e) {
            // The application is shutting down: the rows stay in the table for the next start.
            wakeUps.set(0);
            log.debug("Outbox relay not woken, shutting down: {}", e.toString());
        }
    }

    /** The safety net; its first tick comes one interval after the start. */
    @Scheduled(initialDelayString = "${playground.outbox.poll-interval-ms:1000}",
            fixedDelayString = "${playground.outbox.poll-interval-ms:1000}")
    void poll() {
        wake();
    }

    /**
     * Runs a pass, and another as long as wake-ups came in during the last one: two passes at once
     * would send rows twice and out of order, and any number of wake-ups during a pass need only one
     * more pass, which reads everything they announced.
     */
    private void passes() {
        int answered;
        do {
            answered = wakeUps.get();
            try {
                while (relayBatch()) {
                    // a full batch went out: more may wait
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay pass failed (the next one starts again): {}", e.toString());
            }
        } while (!wakeUps.compareAndSet(answered, 0));
    }

    /**
     * Hands every row of a batch to the producer without waiting, then waits for Kafka's answers in
     * order and stamps the rows acknowledged before the first failure, in one statement. Rows after a
     * failure stay unsent, acknowledged or not, so the next pass starts again from the failed row and
     * one order's messages keep their order. True when a full batch went out, so more may wait.
     */
    private boolean relayBatch() {
        // Only the leader relays: two instances reading the same table would each send its rows.
        if (faults.isOn(Switch.OUTBOX_RELAY_PAUSED) || !leadership.isLeader()) {
            return false;
        }
        List<OutboxRow> rows = jdbc.sql("""
                        select sequence, message_id, topic, message_key, message_type, payload, trace_context
                        from outbox_message where sent_at is null
                        order by sequence fetch first :batch rows only""")
                .param("batch", BATCH_SIZE)
                .query(OutboxRow.MAPPER)
                .list();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (OutboxRow row : rows) {
            try {
                acks.add(publish(row));
            } catch (RuntimeException e) {
                // Refused before it left (no broker within max.block.ms, say): later rows must not overtake it.
                warn(row, e);
                break;
            }
        }
        List<Long> acknowledged = acknowledged(rows, acks);
        if (!acknowledged.isEmpty()) {
            jdbc.sql("update outbox_message set sent_at = :now where sequence in (:sequences)")
                    .param("now", OffsetDateTime.now(clock))
                    .param("sequences", acknowledged)
                    .update();
        }
        return rows.size() == BATCH_SIZE && acknowledged.size() == rows.size();
    }

    /** The sequences of the rows Kafka acknowledged before the first failure. */
    private List<Long> acknowledged(List<OutboxRow> rows, List<CompletableFuture<?>> acks) {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i).sequence());
            } catch (ExecutionException e) {
                warn(rows.get(i), e.getCause());
                break;
            } catch (TimeoutException e) {
                warn(rows.get(i), new TimeoutException("no answer from Kafka within " + SEND_TIMEOUT.toSeconds() + " s"));
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: stamp what was acknowledged so far
                break;
            }
        }
        return acknowledged;
    }

    private static void warn(OutboxRow row, Throwable e) {
        log.warn("Outbox relay could not publish {} {} to {} (will retry): {}",
                row.messageType(), row.messageId(), row.topic(), e.toString());
    }

    /**
     * Hands one row to the producer inside a consumer span ("outbox relay") of the trace stored with
     * it, so the Kafka send, a child of that span, and everything downstream stays in the trace of the
     * request that wrote the row. The span ends with Kafka's answer, and carries its error.
     */
    private CompletableFuture<?> publish(OutboxRow row) {
        var context = new ReceiverContext<Map<String, String>>(Map::get);
        context.setCarrier(traceContext(row));
        context.setRemoteServiceName("outbox");
        Observation observation = Observation.createNotStarted("playground.outbox.relay", () -> context, observations)
                .contextualName("outbox relay " + row.topic())
                .lowCardinalityKeyValue("topic", row.topic())
                .highCardinalityKeyValue("order.id", row.messageKey())
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            return kafka.send(row.toRecord()).whenComplete((result, failure) -> {
                if (failure != null) {
                    observation.error(failure);
                }
                observation.stop();
            });
        } catch (RuntimeException e) {
            observation.error(e);
            observation.stop();
            throw e;
        }
    }

    private Map<String, String> traceContext(OutboxRow row) {
        return row.traceContext() == null ? Map.of()
                : json.readValue(row.traceContext(), new TypeReference<Map<String, String>>() { });
    }

    /** How many messages wait to be published (metric {@code playground.outbox.pending}). */
    public long pending() {
        return jdbc.sql("select count(*) from outbox_message where sent_at is null").query(Long.class).single();
    }

    /** How long the oldest unsent message has waited, in seconds; 0 when none waits (metric {@code playground.outbox.lag}). */
    public double lagSeconds() {
        // min() of no rows is one row holding null
        OffsetDateTime oldest = jdbc.sql("select min(created_at) from outbox_message where sent_at is null")
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).list().get(0);
        return oldest == null ? 0 : Duration.between(oldest, OffsetDateTime.now(clock)).toMillis() / 1000.0;
    }

    record OutboxRow(long sequence, String messageId, String topic, String messageKey, String messageType,
                     String payload, String traceContext) {

        /**
         * Column by column: a mapper that guesses tries each component's name first ({@code messageId})
         * and the database answers each miss with an exception, four per row of every pass.
         */
        static final RowMapper<OutboxRow> MAPPER = (rs, row) -> new OutboxRow(rs.getLong("sequence"),
                rs.getString("message_id"), rs.getString("topic"), rs.getString("message_key"),
                rs.getString("message_type"), rs.getString("payload"), rs.getString("trace_context"));

        ProducerRecord<String, String> toRecord() {
            return record(topic, messageKey, messageType, messageId, payload);
        }
    }

    /** A message as it travels: key = order id (or its customer's, see Outbox), type and id in headers, the record as JSON. */
    static ProducerRecord<String, String> record(String topic, String key, String type, String id, String payload) {
        var record = new ProducerRecord<>(topic, key, payload);
        record.headers().add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
