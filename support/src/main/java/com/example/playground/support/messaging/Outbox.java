package com.example.playground.support.messaging;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transactional outbox: instead of sending to Kafka, a service stores its outgoing message in the
 * same database transaction as the state change that caused it. Either both are committed or
 * neither is; {@link OutboxRelay} does the sending afterwards, woken as soon as that transaction commits.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final KafkaTemplate<String, String> kafka;
    private final Faults faults;
    private final ObservationRegistry observations;
    /**
     * Wakes the relay once the transaction that stored a row has committed (never on a rollback). One
     * instance for every row: Spring keeps a transaction's synchronizations in a set, so a transaction
     * that stores ten rows wakes the relay once (and more wake-ups would only be coalesced).
     */
    private final TransactionSynchronization wakeRelay;

    Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, KafkaTemplate<String, String> kafka,
            Faults faults, ObservationRegistry observations, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.kafka = kafka;
        this.faults = faults;
        this.observations = observations;
        this.wakeRelay = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        };
    }

    /**
     * Stores the message for publishing, keyed by its order: all of an order's messages land on one
     * partition, in order. Must run inside the transaction that changes the state.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Message message) {
        publish(message, message.orderId());
    }

    /**
     * Stores the message for publishing under another record key, which decides its partition. All of
     * an order's messages on a topic must get the same key, or they may be read out of order: a
     * caller that chooses the key stores its choice with the order (see order-service's EventKeys).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Message message, String key) {
        if (faults.isOn(Switch.PUBLISH_WITHOUT_OUTBOX)) {
            publishAfterCommit(message, key);
            return;
        }
        String topic = Topics.of(message);
        // The row is a hop like any other: a producer span ("outbox store") whose context is written
        // into the row, so the relay later continues this trace instead of starting a new one.
        Map<String, String> traceContext = new LinkedHashMap<>();
        var context = new SenderContext<Map<String, String>>(Map::put);
        context.setCarrier(traceContext);
        context.setRemoteServiceName("outbox");
        Observation.createNotStarted("playground.outbox.store", () -> context, observations)
                .contextualName("outbox store " + topic)
                .lowCardinalityKeyValue("topic", topic)
                .highCardinalityKeyValue("order.id", message.orderId())
                .observe(() -> insert(message, key, topic, traceContext));
        TransactionSynchronizationManager.registerSynchronization(wakeRelay);
    }

    private void insert(Message message, String key, String topic, Map<String, String> traceContext) {
        jdbc.sql("""
                insert into outbox_message (message_id, topic, message_key, message_type, payload, created_at,
                                            trace_context)
                values (:id, :topic, :key, :type, :payload, :createdAt, :traceContext)
                """)
                .param("id", UUID.randomUUID().toString())
                .param("topic", topic)
                .param("key", key)
                .param("type", Topics.typeName(message.getClass()))
                .param("payload", json.writeValueAsString(message))
                .param("createdAt", OffsetDateTime.now(clock))
                .param("traceContext", traceContext.isEmpty() ? null : json.writeValueAsString(traceContext))
                .update();
    }

    /**
     * The anti-pattern, for the demo: send once the transaction has committed, with nothing stored.
     * If Kafka is away then, or the process dies first, the message is lost and the state change
     * it announces stays unknown to everyone else.
     */
    private void publishAfterCommit(Message message, String key) {
        var record = OutboxRelay.record(Topics.of(message), key, Topics.typeName(message.getClass()),
                UUID.randomUUID().toString(), json.writeValueAsString(message));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                kafka.send(record).whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.error("LOST {} for order {} (published without the outbox): {}",
                                message.getClass().getSimpleName(), message.orderId(), failure.toString());
                    }
                });
            }
        });
    }
}
