package com.example.playground.support.messaging;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.Topics;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transactional outbox: instead of sending to Kafka, a service stores its outgoing message in the
 * same database transaction as the state change that caused it. Either both are committed or
 * neither is; {@link OutboxRelay} does the sending afterwards.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the message for publishing. Must run inside the transaction that changes the state. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Message message) {
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
}
