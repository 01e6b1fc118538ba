package com.example.playground.order.history;

import com.example.playground.contracts.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far the order history is behind the event topics, asked of Kafka once a second: the events
 * published and not yet read by the projection's group ({@code playground.history.behind}), and how
 * long since it last had none left ({@code playground.history.lag}, seconds; 0 while it keeps up).
 * Both are on {@code /actuator/prometheus}, so the control room shows them. It asks on a thread of
 * its own: the {@code @Scheduled} thread runs the outbox relay's polls and the deadlines, which a
 * slow broker must not hold up.
 */
@Component
class ProjectionLag implements DisposableBean {

    static final List<String> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS, Topics.INVENTORY_EVENTS);
    /** Each of Kafka's answers within this, or the figure is "not known" until the next second. */
    private static final Duration MEASURE_WAIT = Duration.ofSeconds(2);

    private final KafkaAdmin kafkaAdmin;
    private final Clock clock;
    private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "order-history-lag");
        thread.setDaemon(true);
        return thread;
    });
    private Admin admin;
    private volatile long behind = -1;
    private volatile Instant caughtUpAt;

    ProjectionLag(KafkaAdmin kafkaAdmin, Clock clock, MeterRegistry meters) {
        this.kafkaAdmin = kafkaAdmin;
        this.clock = clock;
        this.caughtUpAt = clock.instant();
        Gauge.builder("playground.history.behind", this, ProjectionLag::behind)
                .description("Events on the topics the order history has not read yet (-1: not known)")
                .register(meters);
        Gauge.builder("playground.history.lag", this, ProjectionLag::lagSeconds)
                .description("Time since the order history last had read every event (0 while it keeps up)")
                .baseUnit("seconds")
                .register(meters);
        every.scheduleWithFixedDelay(this::measure, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void destroy() {
        every.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    long behind() {
        return behind;
    }

    double lagSeconds() {
        return behind <= 0 ? 0 : Duration.between(caughtUpAt, clock.instant()).toMillis() / 1000.0;
    }

    void measure() {
        try {
            long now = count();
            if (now == 0) {
                caughtUpAt = clock.instant();
            }
            behind = now;
        } catch (Exception kafkaAway) {
            // Without the broker nothing is read or published: say "not known" rather than a stale figure.
            behind = -1;
        }
    }

    /** End offsets less the group's committed ones; a partition it has never committed counts from its start. */
    long count() throws Exception {
        Set<TopicPartition> partitions = partitions(MEASURE_WAIT);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), MEASURE_WAIT);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), MEASURE_WAIT);
        Map<TopicPartition, OffsetAndMetadata> committed = admin()
                .listConsumerGroupOffsets(OrderHistoryProjection.GROUP).partitionsToOffsetAndMetadata()
                .get(MEASURE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        long total = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long from = done != null ? done.offset() : starts.get(end.getKey());
            total += Math.max(0, end.getValue() - from);
        }
        return total;
    }

    /** Every partition of the three topics the history reads. */
    Set<TopicPartition> partitions(Duration wait) throws Exception {
        Set<TopicPartition> partitions = new HashSet<>();
        admin().describeTopics(TOPICS).allTopicNames().get(wait.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    /** Each partition's offset of this kind: its first record's ({@code earliest}) or the next to be written ({@code latest}). */
    Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec, Duration wait) throws Exception {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(partition -> asked.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin().listOffsets(asked).all().get(wait.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }
}
