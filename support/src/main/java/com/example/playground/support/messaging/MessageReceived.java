package com.example.playground.support.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.KafkaUtils;

/**
 * What the {@link Inbox} did with one record, published as an application event once the handler
 * has run ({@code duplicate} false), or it was skipped because its message id was processed before
 * ({@code duplicate} true), or passed over because the listener has no handler for its type
 * ({@code ignored} true). A record whose handler failed publishes nothing.
 *
 * @param group the consumer group that read it: a service may read one topic in two groups (the
 *     order history beside the order listeners), each with its own inbox
 * @param messageId the record's {@code message-id} header
 */
public record MessageReceived(String group, String topic, int partition, long offset, String messageId,
                              boolean duplicate, boolean ignored) {

    static MessageReceived of(ConsumerRecord<String, String> record, String messageId, boolean duplicate) {
        return new MessageReceived(consumerGroup(), record.topic(), record.partition(), record.offset(), messageId, duplicate,
                false);
    }

    /** The listener has no handler for the record's type: nothing was done, nothing recorded. */
    static MessageReceived ignored(ConsumerRecord<String, String> record, String messageId) {
        return new MessageReceived(consumerGroup(), record.topic(), record.partition(), record.offset(), messageId, false,
                true);
    }

    /** Spring Kafka names the group of the consumer whose thread this is; none outside a listener. */
    private static String consumerGroup() {
        String group = KafkaUtils.getConsumerGroupId();
        return group == null ? "" : group;
    }
}
