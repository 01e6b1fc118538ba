package com.example.playground.order.history;

import com.example.playground.support.messaging.PoisonMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The projection's listener container: the service's settings (Boot's), with an error handler of
 * its own. A record the projection cannot use is not parked on a dead-letter topic: the groups
 * that do the work (order-service's, payment-service's, inventory-service's) park it already, and a
 * second copy from a read model would only double the dead letters a user counts. It is logged,
 * counted ({@code playground.history.skipped}) and passed, so the history goes on; a rebuild after
 * the fix reads it again.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    static final String FACTORY = "historyListenerFactory";

    private static final Logger log = LoggerFactory.getLogger(HistoryConfiguration.class);

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> historyListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            MeterRegistry meters,
            ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> consumerNames,
            @Value("${playground.kafka.retry.initial-interval-ms:200}") long initialInterval,
            @Value("${playground.kafka.retry.max-attempts:4}") int maxAttempts) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        // Boot applies support's consumer names to its own factory only.
        factory.setContainerCustomizer(consumerNames);
        // A rebuild stops the consumers, and a stop waits for the poll in progress: 1 s, not 5 s.
        factory.getContainerProperties().setPollTimeout(1000);
        // One consumer for all eighteen partitions: the projection needs no order across topics (each event
        // sets its own columns), and one thread with bigger batches commits less than three.
        factory.setConcurrency(1);
        Counter skipped = Counter.builder("playground.history.skipped")
                .description("Events the order history could not use and passed over")
                .register(meters);
        var backOff = new ExponentialBackOff(initialInterval, 2.0);
        backOff.setMaxAttempts(maxAttempts - 1);
        var handler = new DefaultErrorHandler((record, exception) -> {
            log.warn("Order history passed over the record at {} partition {} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), exception.getMessage());
            skipped.increment();
        }, backOff);
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        factory.setCommonErrorHandler(handler);
        return factory;
    }
}
