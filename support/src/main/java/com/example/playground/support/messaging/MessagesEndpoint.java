package com.example.playground.support.messaging;

import com.example.playground.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * {@code /actuator/messages/{topic}} on the management port: the latest messages of one of the
 * playground's topics (or its dead-letter twin), newest first, each with its partition and offset,
 * key, headers, payload and the trace id its headers carry, so the control room can link it to
 * Zipkin. Read with assigned partitions and a consumer that commits nothing: looking changes no
 * group's place. Any service can answer for any topic; the control room asks one that runs.
 */
@Endpoint(id = "messages")
class MessagesEndpoint {

    static final int LATEST = 20;

    private final ConsumerFactory<String, String> consumers;

    MessagesEndpoint(ConsumerFactory<String, String> consumers) {
        this.consumers = consumers;
    }

    /** One message as it sits in the log; {@code traceId} is null when its headers carry none. */
    record Message(int partition, long offset, Instant timestamp, String key, String type, String traceId,
                          Map<String, String> headers, String payload) {
    }

    record LatestMessages(String topic, long count, List<Message> latest) {
    }

    @ReadOperation
    WebEndpointResponse<Object> latest(@Selector String topic) {
        List<String> known = new ArrayList<>(Topics.all());
        Topics.all().forEach(t -> known.add(Topics.deadLetter(t)));
        if (!known.contains(topic)) {
            return new WebEndpointResponse<>(Map.of("error", "no topic '" + topic + "'", "topics", known), 404);
        }
        Properties readOnly = new Properties();
        readOnly.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, String> consumer = consumers.createConsumer(null, "message-reader", null, readOnly)) {
            LatestRecords.Read read = LatestRecords.of(consumer, topic, LATEST);
            return new WebEndpointResponse<>(new LatestMessages(topic, read.count(),
                    read.latest().stream().map(MessagesEndpoint::message).toList()));
        }
    }

    private static Message message(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Message(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                headers.get(Topics.TYPE_HEADER), traceId(headers), headers, LatestRecords.truncated(record.value()));
    }

    /** The trace id of W3C's {@code traceparent} (version-traceid-spanid-flags) or of B3's single header. */
    static String traceId(Map<String, String> headers) {
        String traceparent = headers.get("traceparent");
        if (traceparent != null && traceparent.split("-").length >= 3) {
            return traceparent.split("-")[1];
        }
        String b3 = headers.get("b3");
        if (b3 != null && b3.contains("-")) {
            return b3.substring(0, b3.indexOf('-'));
        }
        return headers.get("X-B3-TraceId");
    }
}
