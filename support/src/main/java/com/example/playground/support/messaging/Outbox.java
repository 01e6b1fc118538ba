package com.example.playground.support.messaging;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.Topics;
import com.example.playground.support.switches.Switch;
import com.example.playground.support.switches.Switches;
import java.time.Clock;
import java.time.OffsetDateTime;
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
 * neither is; {@link OutboxRelay} does the sending afterwards.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final KafkaTemplate<String, String> kafka;
    private final Switches switches;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, KafkaTemplate<String, String> kafka,
            Switches switches) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.kafka = kafka;
        this.switches = switches;
    }

    /** Stores the message for publishing. Must run inside the transaction that changes the state. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Message message) {
        if (switches.isOn(Switch.PUBLISH_WITHOUT_OUTBOX)) {
            publishAfterCommit(message);
            return;
        }
        jdbc.sql("""
                insert into outbox_message (message_id, topic, message_key, message_type, payload, created_at)
                values (:id, :topic, :key, :type, :payload, :createdAt)
                """)
                .param("id", UUID.randomUUID().toString())
                .param("topic", Topics.of(message))
                .param("key", message.orderId())
                .param("type", Topics.typeName(message.getClass()))
                .param("payload", json.writeValueAsString(message))
                .param("createdAt", OffsetDateTime.now(clock))
                .update();
    }

    /**
     * The anti-pattern, for the demo: send once the transaction has committed, with nothing stored.
     * If Kafka is away then, or the process dies first, the message is lost and the state change
     * it announces stays unknown to everyone else.
     */
    private void publishAfterCommit(Message message) {
        var record = OutboxRelay.record(Topics.of(message), message.orderId(), Topics.typeName(message.getClass()),
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
