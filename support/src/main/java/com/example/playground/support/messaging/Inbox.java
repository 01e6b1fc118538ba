package com.example.playground.support.messaging;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent consumer: turns a Kafka record back into its message and hands it to the listener's
 * handler at most once (a type the listener has no handler for is passed over, and not recorded).
 * The message id is recorded in the same transaction as the handler's effects (and the outbox rows
 * it writes), so a redelivered or duplicated message is skipped, and a handler that fails leaves no
 * trace: neither its effects nor the "processed" mark. What it did with each record is published as
 * a {@link MessageReceived} event (handled, skipped or passed over), so a redelivery can tell the
 * user what became of its copy.
 *
 * <p>Each inbox keeps its marks in a table of its own: the listeners of a service share
 * {@code processed_message}; a projection that reads the same messages for another purpose (the
 * order history) has its own, so one's mark never hides a message from the other.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Faults faults;
    private final ApplicationEventPublisher events;
    private final String recordSql;

    public Inbox(JdbcClient jdbc, JsonMapper json, Clock clock, Faults faults, ApplicationEventPublisher events) {
        this(jdbc, json, clock, faults, events, "processed_message");
    }

    /** An inbox whose marks go to {@code table} (a name from the code, with processed_message's columns). */
    public Inbox(JdbcClient jdbc, JsonMapper json, Clock clock, Faults faults, ApplicationEventPublisher events,
            String table) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.faults = faults;
        this.events = events;
        this.recordSql = """
                insert into %s (message_id, message_type, processed_at)
                select :id, :type, :now where not exists
                    (select 1 from %s where message_id = :id)""".formatted(table, table);
    }

    /** True while the consume-without-idempotency anti-pattern is switched on. */
    private boolean idempotencyOff() {
        return faults.isOn(Switch.CONSUME_WITHOUT_IDEMPOTENCY);
    }

    @Transactional
    public void receive(ConsumerRecord<String, String> record, Handlers handlers) {
        String id = header(record, Topics.ID_HEADER);
        Message message = decode(record);
        if (!handlers.handles(message)) {
            // Listeners share topics, and each cares about a few of the types on them. A type this one
            // has no handler for changes nothing, so it is not recorded either: under the bench a
            // quarter of every service's inbox rows, each a commit, were such (docs/performance.md).
            events.publishEvent(MessageReceived.ignored(record, id));
            return;
        }
        if (idempotencyOff()) {
            handlers.accept(message);
            events.publishEvent(MessageReceived.of(record, id, false));
            return;
        }
        int recorded = jdbc.sql(recordSql)
                .param("id", id)
                .param("type", Topics.typeName(message.getClass()))
                .param("now", OffsetDateTime.now(clock))
                .update();
        if (recorded == 0) {
            log.info("Skipped duplicate {} {} for order {}", message.getClass().getSimpleName(), id,
                    message.orderId());
            events.publishEvent(MessageReceived.of(record, id, true));
            return;
        }
        handlers.accept(message);
        events.publishEvent(MessageReceived.of(record, id, false));
    }

    private Message decode(ConsumerRecord<String, String> record) {
        String typeName = header(record, Topics.TYPE_HEADER);
        Class<? extends Message> type = Topics.typeNamed(typeName)
                .orElseThrow(() -> new PoisonMessageException("Unknown message type '" + typeName + "'", null));
        if (record.value() == null) {
            throw new PoisonMessageException(typeName + " has no payload", null);
        }
        Message message;
        try {
            message = json.readValue(record.value(), type);
        } catch (JacksonException e) {
            throw new PoisonMessageException(typeName + " payload does not parse: " + e.getOriginalMessage(), e);
        }
        if (message.orderId() == null) {
            throw new PoisonMessageException(typeName + " has no orderId", null);
        }
        return message;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new PoisonMessageException("Record on " + record.topic() + " has no " + name + " header", null);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
