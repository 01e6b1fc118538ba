package com.example.playground.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.leader.Leadership;
import com.example.playground.support.testing.KafkaProbe;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox relay against the embedded KRaft broker: rows written through {@link Outbox} in real
 * transactions, and what reaches the topic and the table. The poll runs every ten minutes, so
 * within a test whatever goes out on its own was sent because a commit woke the relay.
 */
@SpringBootTest(classes = OutboxRelayIntegrationTests.App.class, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.flyway.locations=classpath:db/support",
        "playground.outbox.poll-interval-ms=600000",
        "eureka.client.enabled=false"})
@EmbeddedKafka
class OutboxRelayIntegrationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        RefusingKafkaTemplate kafkaTemplate(ProducerFactory<String, String> producers) {
            return new RefusingKafkaTemplate(producers);
        }

        @Bean
        EndedObservations endedObservations() {
            return new EndedObservations();
        }
    }

    /** How the second of three rows is refused, and what the topic then holds. */
    enum Refusal {
        /** At once: the relay hands over no more rows, and the third waits behind the second. */
        BEFORE_IT_LEAVES(List.of("1st"), List.of("1st", "2nd", "3rd")),
        /**
         * In Kafka's answer, which the relay reads after it handed over the third: the third is written
         * but not stamped, because the second before it was not, and is sent again after the second.
         */
        IN_KAFKAS_ANSWER(List.of("1st", "3rd"), List.of("1st", "3rd", "2nd", "3rd"));

        final List<String> publishedWhileRefused;
        final List<String> publishedInTheEnd;

        Refusal(List<String> publishedWhileRefused, List<String> publishedInTheEnd) {
            this.publishedWhileRefused = publishedWhileRefused;
            this.publishedInTheEnd = publishedInTheEnd;
        }
    }

    /** The service's template, except that it can refuse the record of one order line. */
    static class RefusingKafkaTemplate extends KafkaTemplate<String, String> {

        private volatile String refusedSku;
        private volatile Refusal refusal;

        RefusingKafkaTemplate(ProducerFactory<String, String> producers) {
            super(producers);
            setObservationEnabled(true);
        }

        void refuse(String sku, Refusal how) {
            refusal = how;
            refusedSku = sku;
        }

        void refuseNothing() {
            refusedSku = null;
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            String sku = refusedSku;
            if (sku == null || !record.value().contains("\"" + sku + "\"")) {
                return super.send(record);
            }
            var refused = new KafkaException("Refused for the test: " + sku);
            if (refusal == Refusal.BEFORE_IT_LEAVES) {
                throw refused; // what KafkaTemplate does when the producer refuses a record at once
            }
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** Every observation that ended: its name, its parent's name, the order it was about, its error. */
    static class EndedObservations implements ObservationHandler<Observation.Context> {

        record Ended(String name, String parent, String orderId, Throwable error) {
        }

        final List<Ended> ended = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(Observation.Context context) {
            var parent = context.getParentObservation() == null ? null : context.getParentObservation().getContextView();
            KeyValue orderId = context.getHighCardinalityKeyValue("order.id");
            if (orderId == null && parent != null) {
                orderId = parent.getHighCardinalityKeyValue("order.id");
            }
            ended.add(new Ended(context.getName(), parent == null ? null : parent.getName(),
                    orderId == null ? null : orderId.getValue(), context.getError()));
        }

        List<Ended> about(String orderId) {
            return ended.stream().filter(e -> orderId.equals(e.orderId())).toList();
        }
    }

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired RefusingKafkaTemplate kafka;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired Faults faults;
    @Autowired EndedObservations observations;
    @Autowired Leadership leadership;
    @Autowired LockRegistryLeaderInitiator leaderInitiator;

    KafkaProbe probe;

    @BeforeEach
    void watch() {
        probe = new KafkaProbe(broker, kafka, json, Topics.INVENTORY_COMMANDS);
    }

    @AfterEach
    void heal() {
        faults.healAll();
        kafka.refuseNothing();
        probe.close();
    }

    @Test
    void rowsWrittenInOneTransactionArePublishedInTheirOrderAndStamped() {
        String orderId = UUID.randomUUID().toString();

        commit(orderId, "1st", "2nd", "3rd");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(published(orderId)).containsExactly("1st", "2nd", "3rd"));
        await().untilAsserted(() -> assertThat(stamped(orderId)).containsExactly(true, true, true));
        // Each send is a child of its row's "outbox relay" span, so the trace goes on downstream.
        await().untilAsserted(() -> assertThat(observations.about(orderId))
                .filteredOn(ended -> ended.name().equals("spring.kafka.template"))
                .extracting(EndedObservations.Ended::parent)
                .containsExactly("playground.outbox.relay", "playground.outbox.relay", "playground.outbox.relay"));
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePoll() {
        String orderId = UUID.randomUUID().toString();

        commit(orderId, "only");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stamped(orderId)).containsExactly(true));
        await().untilAsserted(() -> assertThat(published(orderId)).containsExactly("only"));
    }

    @Test
    void onlyTheLeaderRelaysAndWhatWaitedGoesOutWhenOneLeadsAgain() {
        await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
        leaderInitiator.stop();
        // stop() only interrupts the election's thread; the lock is given up, and the revocation
        // told, on that thread a moment later.
        await().atMost(Duration.ofSeconds(5)).until(() -> !leadership.isLeader());
        String orderId = UUID.randomUUID().toString();
        try {
            commit(orderId, "while-nobody-leads");

            // The commit's wake-up finds no leader here, and the poll is ten minutes away: the row waits.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(stamped(orderId)).containsExactly(false));
        } finally {
            leaderInitiator.start();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stamped(orderId)).containsExactly(true));
        assertThat(published(orderId)).containsExactly("while-nobody-leads");
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String orderId = UUID.randomUUID().toString();

        transactions.executeWithoutResult(tx -> {
            outbox.publish(reserve(orderId, "rolled-back"));
            tx.setRollbackOnly();
        });
        commit(orderId, "committed");

        // Same key, same partition: had the first been sent, it would be there before the second.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(orderId)).contains("committed"));
        assertThat(published(orderId)).containsExactly("committed");
        assertThat(stamped(orderId)).containsExactly(true);
    }

    @Test
    void whilePausedRowsWaitAndThePollSendsThemAllInOrderOnceItIsOff() {
        String orderId = UUID.randomUUID().toString();
        List<String> lines = IntStream.range(0, 250).mapToObj(i -> "line-" + i).toList(); // more than two batches
        faults.set(Switch.OUTBOX_RELAY_PAUSED, true);

        commit(orderId, lines.toArray(String[]::new));

        // The commit woke the relay; paused, it held everything back.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> stamped(orderId).stream().noneMatch(sent -> sent) && published(orderId).isEmpty());
        faults.set(Switch.OUTBOX_RELAY_PAUSED, false);
        relay.poll(); // the poll's tick, which would otherwise come ten minutes later

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(orderId)).isEqualTo(lines));
        await().untilAsserted(() -> assertThat(stamped(orderId)).containsOnly(true).hasSize(lines.size()));
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void aRefusedSendLeavesThatRowAndEveryLaterOneUnstampedAndTheNextPassStartsThere(Refusal refusal) {
        String orderId = UUID.randomUUID().toString();
        kafka.refuse("2nd", refusal);

        commit(orderId, "1st", "2nd", "3rd");

        // One statement stamps a pass's rows, so once the first is stamped the pass has decided on all three.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(stamped(orderId)).containsExactly(true, false, false));
        assertThat(observations.about(orderId))
                .filteredOn(ended -> ended.name().equals("playground.outbox.relay") && ended.error() != null)
                .hasSize(1);
        await().untilAsserted(() -> assertThat(published(orderId)).isEqualTo(refusal.publishedWhileRefused));

        kafka.refuseNothing();
        relay.poll();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stamped(orderId)).containsOnly(true));
        await().untilAsserted(() -> assertThat(published(orderId)).isEqualTo(refusal.publishedInTheEnd));
    }

    @Test
    void commitsFromManyThreadsAtOnceSendEveryRowOnceAndInItsOrder() throws Exception {
        List<String> orderIds = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> lines = IntStream.range(0, 10).mapToObj(i -> "line-" + i).toList();
        ExecutorService writers = Executors.newFixedThreadPool(orderIds.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String orderId : orderIds) {
                // One transaction per line: eighty commits, eighty wake-ups, most of them during a pass.
                done.add(writers.submit(() -> lines.forEach(line -> commit(orderId, line))));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }

        // Two passes at once would read the same unsent rows and send them twice.
        for (String orderId : orderIds) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(orderId)).isEqualTo(lines));
            await().untilAsserted(() -> assertThat(stamped(orderId)).containsOnly(true).hasSize(lines.size()));
        }
    }

    private void commit(String orderId, String... skus) {
        transactions.executeWithoutResult(tx -> {
            for (String sku : skus) {
                outbox.publish(reserve(orderId, sku));
            }
        });
    }

    private static ReserveStockCommand reserve(String orderId, String sku) {
        return new ReserveStockCommand(orderId, List.of(new OrderLine(sku, 1)));
    }

    /** The order's rows in the outbox, oldest first: stamped as sent or not. */
    private List<Boolean> stamped(String orderId) {
        return jdbc.sql("select sent_at is not null from outbox_message where message_key = :key order by sequence")
                .param("key", orderId)
                .query(Boolean.class)
                .list();
    }

    /** The order's messages on the topic, in the order they were written there, by their one line's SKU. */
    private List<String> published(String orderId) {
        return probe.records(Topics.INVENTORY_COMMANDS, orderId).stream()
                .map(record -> json.readValue(record.value(), ReserveStockCommand.class).items().get(0).sku())
                .toList();
    }
}
