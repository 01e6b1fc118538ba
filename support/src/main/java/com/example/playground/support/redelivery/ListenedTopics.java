package com.example.playground.support.redelivery;

import com.example.playground.support.web.ProblemException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The topics this service's Kafka listeners read, and the consumer group that reads each: what a
 * redelivery or a replay may act on. Asked at each request, since the containers exist only once
 * the application has started.
 */
class ListenedTopics {

    private final KafkaListenerEndpointRegistry listeners;
    private final ConsumerFactory<String, String> consumers;

    ListenedTopics(KafkaListenerEndpointRegistry listeners, ConsumerFactory<String, String> consumers) {
        this.listeners = listeners;
        this.consumers = consumers;
    }

    /** Topic to consumer group, by topic name. */
    Map<String, String> groups() {
        Map<String, String> groups = new TreeMap<>();
        String serviceGroup = String.valueOf(consumers.getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG));
        listeners.getListenerContainers().forEach(container -> {
            String[] topics = container.getContainerProperties().getTopics();
            String group = container.getGroupId() != null ? container.getGroupId() : serviceGroup;
            for (String topic : topics == null ? new String[0] : topics) {
                // A topic read in the service's own group and in another one (the order history's)
                // is redelivered to the service's group: the one that does the work.
                if (group.equals(serviceGroup)) {
                    groups.put(topic, group);
                } else {
                    groups.putIfAbsent(topic, group);
                }
            }
        });
        return groups;
    }

    /** The group that reads this topic; a problem naming the topics it could be if this service reads no such one. */
    String groupOf(String topic) {
        String group = groups().get(topic);
        if (group == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "unknown-topic", "Not a topic this service reads",
                    "This service reads " + String.join(", ", groups().keySet()) + "; not '" + topic + "'");
        }
        return group;
    }
}
