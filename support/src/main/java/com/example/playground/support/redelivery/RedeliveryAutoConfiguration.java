package com.example.playground.support.redelivery;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Redelivering consumed messages and replaying dead letters, in the service's main context (where
 * the inbox's {@code MessageReceived} events are published); their API on the management port comes
 * with {@link RedeliveryManagementConfiguration}.
 */
@AutoConfiguration
public class RedeliveryAutoConfiguration {

    @Bean
    ListenedTopics listenedTopics(KafkaListenerEndpointRegistry listeners, ConsumerFactory<String, String> consumers) {
        return new ListenedTopics(listeners, consumers);
    }

    /** Waits this long for the service to consume a redelivered copy before saying it has not yet. */
    @Bean
    Redelivery redelivery(ConsumerFactory<String, String> consumers, ProducerFactory<String, String> producers,
            ListenedTopics listened, @Value("${playground.redelivery.wait:10s}") Duration wait) {
        return new Redelivery(consumers, producers, listened, wait);
    }

    @Bean
    DeadLetterReplay deadLetterReplay(ConsumerFactory<String, String> consumers,
            ProducerFactory<String, String> producers, ListenedTopics listened) {
        return new DeadLetterReplay(consumers, producers, listened);
    }
}
