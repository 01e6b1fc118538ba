package com.example.playground.support.faults;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Breaks a Kafka listener on purpose, by the topic it reads: every topic a listener of this
 * service reads is a fault target. It runs before the listener, inside the container's error
 * handling, so an injected error fails the delivery before anything commits: Kafka redelivers it,
 * and after the bounded retries it is parked on the dead-letter topic, as a real failure would be.
 */
class ListenerFaults implements RecordInterceptor<Object, Object>, ApplicationListener<ApplicationStartedEvent> {

    private final Faults faults;

    ListenerFaults(Faults faults) {
        this.faults = faults;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        faults.inject(record.topic());
        return record;
    }

    /** The listeners' topics are known once their containers exist. */
    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        var listeners = event.getApplicationContext().getBeanProvider(KafkaListenerEndpointRegistry.class);
        listeners.ifAvailable(registry -> registry.getListenerContainers().forEach(container -> {
            String[] topics = container.getContainerProperties().getTopics();
            for (String topic : topics == null ? new String[0] : topics) {
                faults.declare(topic, "deliveries from " + topic
                        + " (an error fails them before commit: redelivery, then the dead-letter topic)");
            }
        }));
    }
}
