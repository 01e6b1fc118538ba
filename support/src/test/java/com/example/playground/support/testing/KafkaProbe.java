package com.example.playground.support.testing;

import org.awaitility.Awaitility;

import com.example.playground.contracts.Message;
import com.example.playground.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends messages the way the outbox relay does (type and id headers) and watches topics, for
 * service integration tests against the embedded KRaft broker.
 */
public class KafkaProbe implements AutoCloseable {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Consumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public KafkaProbe(EmbeddedKafkaBroker broker, KafkaTemplate<String, String> kafka, JsonMapper json,
            String... topics) {
        this(broker.getBrokersAsString(), kafka, json, topics);
    }

    /** A probe on any broker, e.g. one in a Testcontainers container. */
    public KafkaProbe(String bootstrapServers, KafkaTemplate<String, String> kafka, JsonMapper json, String... topics) {
        this.kafka = kafka;
        this.json = json;
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(topics));
    }

    /** Sends a message with a fresh id and returns that id. */
    public String send(Message message) {
        String id = UUID.randomUUID().toString();
        send(message, id);
        return id;
    }

    /** Sends a message with the given id: send the same id twice to simulate a redelivery. */
    public void send(Message message, String id) {
        sendRaw(Topics.of(message), message.orderId(), Topics.typeName(message.getClass()), id,
                json.writeValueAsString(message));
    }

    public void sendRaw(String topic, String key, String type, String id, String payload) {
        var record = new ProducerRecord<>(topic, key, payload);
        if (type != null) {
            record.headers().add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(Topics.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /** Waits until a message of this type about this order has been published, and returns it. */
    public <T extends Message> T await(Class<T> type, String orderId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(type, orderId), found -> !found.isEmpty())
                .get(0);
    }

    /** Every message of this type about this order seen so far (polls once more first). */
    public <T extends Message> List<T> find(Class<T> type, String orderId) {
        poll();
        return seen.stream()
                .filter(record -> typeOf(record).equals(Topics.typeName(type)))
                .map(record -> json.readValue(record.value(), type))
                .filter(message -> message.orderId().equals(orderId))
                .toList();
    }

    /** Every raw record seen on a topic whose key is this one. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        poll();
        return seen.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(Topics.TYPE_HEADER);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
