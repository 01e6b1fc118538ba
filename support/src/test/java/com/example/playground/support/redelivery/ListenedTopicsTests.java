package com.example.playground.support.redelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.support.web.ProblemException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Which group a redelivery acts on for each topic: order-service reads the event topics in its own
 * group (the work) and in the order history's (a read model); a redelivery must go to the former,
 * whichever container the registry lists first. The containers are built, never started.
 */
class ListenedTopicsTests {

    private final ConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, "order-service", ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"));

    private final MessageListenerContainer history = container("order-service-history",
            "orders.events", "payment.events", "inventory.events");
    private final MessageListenerContainer events = container(null, "inventory.events", "payment.events");
    private final MessageListenerContainer commands = container(null, "orders.commands");

    @Test
    void aTopicReadInTwoGroupsIsTheServicesOwnGroupsWhicheverContainerComesFirst() {
        Map<String, String> expected = Map.of("inventory.events", "order-service", "payment.events", "order-service",
                "orders.commands", "order-service", "orders.events", "order-service-history");

        assertThat(topics(history, events, commands).groups()).isEqualTo(expected);
        assertThat(topics(events, commands, history).groups()).isEqualTo(expected);
    }

    @Test
    void aTopicThisServiceDoesNotReadIsAProblemNamingThoseItReads() {
        ListenedTopics topics = topics(history, events);

        assertThat(topics.groupOf("payment.events")).isEqualTo("order-service");
        assertThatThrownBy(() -> topics.groupOf("orders.commands")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("inventory.events, orders.events, payment.events; not 'orders.commands'");
    }

    private ListenedTopics topics(MessageListenerContainer... containers) {
        KafkaListenerEndpointRegistry registry = new KafkaListenerEndpointRegistry() {
            @Override
            public Collection<MessageListenerContainer> getListenerContainers() {
                return List.of(containers);
            }
        };
        return new ListenedTopics(registry, consumers);
    }

    private MessageListenerContainer container(String group, String... topics) {
        ContainerProperties properties = new ContainerProperties(topics);
        properties.setGroupId(group);
        return new ConcurrentMessageListenerContainer<>(consumers, properties);
    }
}
