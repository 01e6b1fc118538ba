package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what {@link Outbox} stored, oldest first, and stamps each row as sent once Kafka has
 * acknowledged it. If the process dies between the send and the stamp, the message is sent again
 * after the restart: delivery is at-least-once, and consumers are idempotent for that reason.
 */
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH_SIZE = 100;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final Clock clock;
    private final Faults faults;
    private final ObservationRegistry observations;
    private final JsonMapper json;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, Clock clock, Faults faults,
            ObservationRegistry observations, JsonMapper json) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
        this.faults = faults;
        this.observations = observations;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${playground.outbox.poll-interval-ms:100}")
    public void relay() {
        if (faults.isOn(Switch.OUTBOX_RELAY_PAUSED)) {
            return;
        }
        List<OutboxRow> rows = jdbc.sql("""
                        select sequence, message_id, topic, message_key, message_type, payload, trace_context
                        from outbox_message where sent_at is null
                        order by sequence fetch first :batch rows only""")
                .param("batch", BATCH_SIZE)
                .query(OutboxRow.class)
                .list();
        for (OutboxRow row : rows) {
            try {
                publish(row);
            } catch (Exception e) {
                // Stop here and keep the order: the next tick starts again from this row.
                log.warn("Outbox relay could not publish {} {} to {} (will retry): {}",
                        row.messageType(), row.messageId(), row.topic(), e.toString());
                return;
            }
            jdbc.sql("update outbox_message set sent_at = :now where sequence = :sequence")
                    .param("now", OffsetDateTime.now(clock))
                    .param("sequence", row.sequence())
                    .update();
        }
    }

    /**
     * Sends one row as a consumer span ("outbox relay") of the trace stored with it, so the Kafka
     * send below, and everything downstream, stays in the trace of the request that wrote the row.
     */
    private void publish(OutboxRow row) throws Exception {
        var context = new ReceiverContext<Map<String, String>>(Map::get);
        context.setCarrier(traceContext(row));
        context.setRemoteServiceName("outbox");
        Observation.createNotStarted("playground.outbox.relay", () -> context, observations)
                .contextualName("outbox relay " + row.topic())
                .lowCardinalityKeyValue("topic", row.topic())
                .highCardinalityKeyValue("order.id", row.messageKey())
                .observeChecked(() -> kafka.send(row.toRecord()).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
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

        ProducerRecord<String, String> toRecord() {
            return record(topic, messageKey, messageType, messageId, payload);
        }
    }

    /** A message as it travels: key = order id, type and id in headers, the record as JSON. */
    static ProducerRecord<String, String> record(String topic, String key, String type, String id, String payload) {
        var record = new ProducerRecord<>(topic, key, payload);
        record.headers().add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
