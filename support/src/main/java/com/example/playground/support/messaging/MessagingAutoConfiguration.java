package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.leader.Leadership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service that talks over Kafka shares: the outbox and its relay, the idempotent inbox,
 * the topics, and dead-lettering of messages that keep failing.
 */
@AutoConfiguration
@EnableScheduling
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    /** Every stored and shown timestamp is UTC, so {@code OffsetDateTime.now(clock)} needs no conversion. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, KafkaTemplate<String, String> kafka,
            Faults faults, ObjectProvider<ObservationRegistry> observations, OutboxRelay relay) {
        return new Outbox(jdbc, json, clock, kafka, faults, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                relay);
    }

    /** Its passes run on Spring Boot's task executor (spring.task.execution), one at a time (docs/decisions.md). */
    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, Clock clock, Faults faults,
            ObjectProvider<ObservationRegistry> observations, JsonMapper json,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) TaskExecutor executor,
            Leadership leadership) {
        OutboxRelay relay = new OutboxRelay(jdbc, kafka, clock, faults,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), json, executor, leadership);
        // What was stored while no instance led (at the start, or after a leader died) goes out at once.
        leadership.whenGranted(relay::wake);
        return relay;
    }

    /** Relay lag as metrics, on /actuator/metrics: how many messages wait, and how long the oldest has. */
    @Bean
    MeterBinder outboxMetrics(OutboxRelay relay) {
        return registry -> {
            Gauge.builder("playground.outbox.pending", relay, OutboxRelay::pending)
                    .description("Messages stored in the outbox and not yet published")
                    .register(registry);
            Gauge.builder("playground.outbox.lag", relay, OutboxRelay::lagSeconds)
                    .description("Age of the oldest message not yet published")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }

    @Bean
    InboxDuplicates inboxDuplicates(ObjectProvider<MeterRegistry> registry) {
        return new InboxDuplicates(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Inbox inbox(JdbcClient jdbc, JsonMapper json, Clock clock, Faults faults, ApplicationEventPublisher events) {
        return new Inbox(jdbc, json, clock, faults, events);
    }

    @Bean
    DeadLettersEndpoint deadLettersEndpoint(ConsumerFactory<String, String> consumers,
            KafkaListenerEndpointRegistry listeners) {
        return new DeadLettersEndpoint(consumers, listeners);
    }

    @Bean
    MessagesEndpoint messagesEndpoint(ConsumerFactory<String, String> consumers) {
        return new MessagesEndpoint(consumers);
    }

    @Bean
    PartitionsEndpoint partitionsEndpoint(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
        return new PartitionsEndpoint(kafkaAdmin, listeners);
    }

    /**
     * Names every listener's consumers after the instance and the topics they read
     * ({@code inventory-service-8083-inventory.commands-0}; on Kubernetes the pod's name instead of
     * service and port), so the consumer group's description says which instance and thread holds
     * which partition ({@code ./playground partitions}).
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> consumerNames(
            @Value("${playground.instance:${spring.application.name:application}:${server.port:0}}") String instance) {
        return container -> {
            String[] topics = container.getContainerProperties().getTopics();
            String read = topics == null ? container.getListenerId() : String.join("+", topics);
            container.getContainerProperties().setClientId(instance.replace(':', '-') + "-" + read);
        };
    }

    /**
     * Every topic and its dead-letter twin. Six partitions: one instance's three listener threads
     * take two each, and a second instance takes half of them (docs/patterns/partitioning.md).
     * Topics made earlier with fewer get the missing partitions added when a service starts.
     */
    @Bean
    KafkaAdmin.NewTopics playgroundTopics(@Value("${playground.kafka.partitions:6}") int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(TopicBuilder.name(topic).partitions(partitions).replicas(1).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).replicas(1).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Retries a failing record a few times with backoff, then parks it on the topic's dead-letter
     * topic and moves on, so one bad message never blocks the partition. Poison messages skip the
     * retries: they would fail the same way every time.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka,
            @Value("${playground.kafka.retry.initial-interval-ms:200}") long initialInterval,
            @Value("${playground.kafka.retry.max-attempts:4}") int maxAttempts,
            ObjectProvider<MeterRegistry> meters) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), 0));
        var backOff = new ExponentialBackOff(initialInterval, 2.0);
        backOff.setMaxAttempts(maxAttempts - 1);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            }

            // One line per parked message, so that the service's own log says what it gave up on and why;
            // counted too, by this process since it started (./playground dead-letters reads the topics themselves).
            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                log.warn("Parked the record at {} partition {} offset {} on {}: {}", record.topic(), record.partition(),
                        record.offset(), Topics.deadLetter(record.topic()), rootMessage(ex));
                meters.ifAvailable(registry -> Counter.builder("playground.dead.letters")
                        .description("Messages this process parked on a dead-letter topic")
                        .tag("topic", record.topic())
                        .register(registry)
                        .increment());
            }
        });
        return handler;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
