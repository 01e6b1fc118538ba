package com.example.playground.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import tools.jackson.databind.json.JsonMapper;

/** The inbox on a real (in-memory) H2 database with support's own migrations: what it records, and when. */
class InboxTests {

    final JsonMapper json = JsonMapper.builder().build();
    final List<Object> published = new ArrayList<>();
    final List<String> reserved = new ArrayList<>();
    final Handlers handlers = new Handlers().on(ReserveStockCommand.class, command -> reserved.add(command.orderId()));
    JdbcClient jdbc;
    Inbox inbox;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/support/V1__outbox_and_processed_messages.sql"))
                .execute(dataSource);
        jdbc = JdbcClient.create(dataSource);
        inbox = new Inbox(jdbc, json, Clock.systemUTC(), new Faults(), published::add);
    }

    @Test
    void aHandledMessageIsRecordedOnceAndItsCopyIsSkipped() {
        ConsumerRecord<String, String> record = record(new ReserveStockCommand("order-1", List.of()), 7);

        inbox.receive(record, handlers);
        inbox.receive(record, handlers);

        assertThat(reserved).containsExactly("order-1");
        assertThat(processed()).containsExactly("ReserveStockCommand");
        assertThat(published).extracting(event -> ((MessageReceived) event).duplicate()).containsExactly(false, true);
        assertThat(published).extracting(event -> ((MessageReceived) event).ignored()).containsExactly(false, false);
    }

    @Test
    void aTypeTheListenerHasNoHandlerForIsPassedOverAndNotRecorded() {
        ConsumerRecord<String, String> record = record(new OrderApproved("order-1"), 8);

        inbox.receive(record, handlers);
        inbox.receive(record, handlers);

        assertThat(reserved).isEmpty();
        assertThat(processed()).isEmpty();
        // A redelivered copy is reported as passed over again, not as a duplicate: nothing was done either time.
        assertThat(published).extracting(event -> ((MessageReceived) event).ignored()).containsExactly(true, true);
        assertThat(published).extracting(event -> ((MessageReceived) event).duplicate()).containsExactly(false, false);
    }

    private List<String> processed() {
        return jdbc.sql("select message_type from processed_message").query(String.class).list();
    }

    private ConsumerRecord<String, String> record(Message message, long offset) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.of(message.getClass()), 0, offset,
                message.orderId(), json.writeValueAsString(message));
        record.headers().add(Topics.TYPE_HEADER, Topics.typeName(message.getClass()).getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.ID_HEADER, ("message-" + offset).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
