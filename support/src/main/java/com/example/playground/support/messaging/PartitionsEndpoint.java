package com.example.playground.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
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

    private static final Duration ASK_TIME = Duration.ofSeconds(3);

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

    @ReadOperation
    public Map<String, Object> partitions() throws Exception {
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
        Map<String, TopicDescription> described = kafka.describeTopics(allTopics).allTopicNames()
                .get(ASK_TIME.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(latest).all().get(ASK_TIME.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        Map<String, ConsumerGroupDescription> groups = kafka.describeConsumerGroups(topicsOfGroup.keySet()).all()
                .get(ASK_TIME.toMillis(), TimeUnit.MILLISECONDS);

        List<Group> answer = new ArrayList<>();
        for (var entry : topicsOfGroup.entrySet()) {
            ConsumerGroupDescription group = groups.get(entry.getKey());
            Map<TopicPartition, String> holders = new HashMap<>();
            group.members().forEach(member -> member.assignment().topicPartitions()
                    .forEach(partition -> holders.put(partition, member.clientId())));
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(entry.getKey())
                    .partitionsToOffsetAndMetadata().get(ASK_TIME.toMillis(), TimeUnit.MILLISECONDS);
            List<GroupTopic> topics = new ArrayList<>();
            for (String topic : entry.getValue()) {
                List<Partition> partitions = new ArrayList<>();
                TopicDescription description = described.get(topic);
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
            answer.add(new Group(entry.getKey(), group.groupState().toString(), group.members().size(), topics));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("groups", answer);
        return result;
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
