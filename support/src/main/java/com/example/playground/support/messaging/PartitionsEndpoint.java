package com.example.playground.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code /actuator/partitions} on the management port: for each consumer group of this service and
 * each topic it reads, every partition with its last offset, the group's committed offset, its lag,
 * and the consumer that holds it now (named after the instance and thread, see
 * {@code MessagingAutoConfiguration#consumerNames}), plus the group's state, which says when it is
 * rebalancing. Read with Kafka's admin client, so it shows every instance of the service, not only
 * this one. {@code ./playground partitions} and the control room print it.
 */
@Endpoint(id = "partitions")
class PartitionsEndpoint implements DisposableBean {

    /** All of the answer within this, so a caller asking several services is not held for long while Kafka is away. */
    private static final Duration ASK_TIME = Duration.ofSeconds(2);

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private volatile Admin admin;

    PartitionsEndpoint(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
    }

    /** One partition as a group sees it; {@code consumer} is null while nobody holds it. */
    record Partition(int partition, long end, Long committed, long lag, String consumer) {
    }

    record GroupTopic(String topic, List<Partition> partitions) {
    }

    record Group(String group, String state, int members, List<GroupTopic> topics) {
    }

    /** Every group of this service with its topics; 503 if Kafka did not answer within {@link #ASK_TIME}. */
    @ReadOperation
    WebEndpointResponse<Map<String, Object>> partitions() throws InterruptedException {
        long deadline = System.nanoTime() + ASK_TIME.toNanos();
        Map<String, TreeSet<String>> topicsOfGroup = new TreeMap<>();
        listeners.getListenerContainers().forEach(container -> {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics != null && container.getGroupId() != null) {
                topicsOfGroup.computeIfAbsent(container.getGroupId(), group -> new TreeSet<>()).addAll(List.of(topics));
            }
        });
        TreeSet<String> allTopics = new TreeSet<>();
        topicsOfGroup.values().forEach(allTopics::addAll);
        Admin kafka = admin();
        try {
            // One future per topic and per group: a topic or a group that does not exist yet (a service
            // just started) is left out or shown without members, instead of failing the whole answer.
            Map<String, TopicDescription> described = new HashMap<>();
            for (var topic : kafka.describeTopics(allTopics, new DescribeTopicsOptions().timeoutMs(left(deadline)))
                    .topicNameValues().entrySet()) {
                present(topic.getValue(), deadline).ifPresent(description -> described.put(topic.getKey(), description));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(topic -> topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            kafka.listOffsets(latest, new ListOffsetsOptions().timeoutMs(left(deadline))).all()
                    .get(left(deadline), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            var groups = kafka.describeConsumerGroups(topicsOfGroup.keySet(),
                    new DescribeConsumerGroupsOptions().timeoutMs(left(deadline))).describedGroups();

            List<Group> answer = new ArrayList<>();
            for (var entry : topicsOfGroup.entrySet()) {
                Optional<ConsumerGroupDescription> group = present(groups.get(entry.getKey()), deadline);
                Map<TopicPartition, String> holders = new HashMap<>();
                group.ifPresent(g -> g.members().forEach(member -> member.assignment().topicPartitions()
                        .forEach(partition -> holders.put(partition, member.clientId()))));
                Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(entry.getKey(),
                                new ListConsumerGroupOffsetsOptions().timeoutMs(left(deadline)))
                        .partitionsToOffsetAndMetadata().get(left(deadline), TimeUnit.MILLISECONDS);
                List<GroupTopic> topics = new ArrayList<>();
                for (String topic : entry.getValue()) {
                    TopicDescription description = described.get(topic);
                    if (description == null) {
                        continue;
                    }
                    List<Partition> partitions = new ArrayList<>();
                    for (int p = 0; p < description.partitions().size(); p++) {
                        TopicPartition partition = new TopicPartition(topic, p);
                        long end = ends.getOrDefault(partition, 0L);
                        OffsetAndMetadata offset = committed.get(partition);
                        Long at = offset == null ? null : offset.offset();
                        // Nothing committed yet: the group starts from the earliest record, so all of it is lag.
                        long lag = Math.max(0, end - (at == null ? 0 : at));
                        partitions.add(new Partition(p, end, at, lag, holders.get(partition)));
                    }
                    topics.add(new GroupTopic(topic, partitions));
                }
                answer.add(new Group(entry.getKey(), group.map(g -> g.groupState().toString()).orElse("Empty"),
                        group.map(g -> g.members().size()).orElse(0), topics));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("groups", answer);
            return new WebEndpointResponse<>(result);
        } catch (ExecutionException | TimeoutException e) {
            return new WebEndpointResponse<>(Map.of("error", "Kafka did not answer within " + ASK_TIME.toMillis()
                    + " ms: " + e), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
        }
    }

    /** The future's value; empty if what it describes does not exist (yet). */
    private static <T> Optional<T> present(KafkaFuture<T> future, long deadline)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (future == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(future.get(left(deadline), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Milliseconds left until the deadline, at least one. */
    private static int left(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
            }
        }
        return admin;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
