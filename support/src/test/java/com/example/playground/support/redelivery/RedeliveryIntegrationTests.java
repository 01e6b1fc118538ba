package com.example.playground.support.redelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Fault;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import com.example.playground.support.testing.KafkaProbe;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redelivery and dead-letter replay over real HTTP on the management port, against the embedded
 * KRaft broker: a listener built like the services' (inbox and handlers) on a topic of three
 * partitions, and what a user would notice: how often its handler ran.
 */
@SpringBootTest(classes = RedeliveryIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
                "management.server.port=0",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.consumer.group-id=stock-keeper",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.flyway.locations=classpath:db/support",
                "playground.kafka.retry.max-attempts=1",
                "eureka.client.enabled=false",
                // The services get the exposure from playground-service.yml, which this test does not load.
                "management.endpoints.web.exposure.include=partitions,messages"})
@EmbeddedKafka
class RedeliveryIntegrationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        StockKeeper stockKeeper(Inbox inbox) {
            return new StockKeeper(inbox);
        }
    }

    /** A participant as the services write them; it remembers every command its handler ran for. */
    static class StockKeeper {

        final List<String> reserved = new CopyOnWriteArrayList<>();
        private final Inbox inbox;
        private final Handlers handlers = new Handlers().on(ReserveStockCommand.class, c -> reserved.add(c.orderId()));

        StockKeeper(Inbox inbox) {
            this.inbox = inbox;
        }

        @KafkaListener(topics = {Topics.INVENTORY_COMMANDS, Topics.PAYMENT_EVENTS})
        void on(ConsumerRecord<String, String> record) {
            inbox.receive(record, handlers);
        }

        long timesReserved(String orderId) {
            return reserved.stream().filter(orderId::equals).count();
        }
    }

    @LocalManagementPort
    int managementPort;

    @Autowired EmbeddedKafkaBroker broker;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired JsonMapper json;
    @Autowired Faults faults;
    @Autowired StockKeeper stock;

    final HttpClient http = HttpClient.newHttpClient();
    KafkaProbe probe;

    @BeforeEach
    void watch() {
        probe = new KafkaProbe(broker, kafka, json, Topics.INVENTORY_COMMANDS);
    }

    @AfterEach
    void heal() {
        faults.healAll();
        probe.close();
    }

    @Test
    void theLastConsumedMessageComesAgainWithItsIdAndIsSkippedAsADuplicate() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String messageId = probe.send(reserve(orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> stock.timesReserved(orderId) == 1);

        Answer answer = send("POST", "/actuator/redelivery", "{\"topic\": \"inventory.commands\", \"last\": true}");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("orderId").asString()).isEqualTo(orderId);
        assertThat(answer.body().get("messageId").asString()).isEqualTo(messageId);
        assertThat(answer.body().get("messageType").asString()).isEqualTo("ReserveStockCommand");
        assertThat(answer.body().get("consumed").asBoolean()).isTrue();
        assertThat(answer.body().get("skippedAsDuplicate").asBoolean()).isTrue();
        assertThat(answer.body().get("sentAsOffset").asLong()).isGreaterThan(answer.body().get("offset").asLong());
        assertThat(stock.timesReserved(orderId)).isEqualTo(1);
        // The copy is the same record: same key, same id, on the same partition.
        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> probe.records(Topics.INVENTORY_COMMANDS, orderId),
                records -> records.size() == 2))
                .extracting(ConsumerRecord::partition).containsOnly(answer.body().get("partition").asInt());
    }

    @Test
    void withTheIdempotencyCheckOffTheCopyAtAnOffsetIsHandledAgain() throws Exception {
        String orderId = UUID.randomUUID().toString();
        probe.send(reserve(orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> stock.timesReserved(orderId) == 1);
        ConsumerRecord<String, String> original = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.records(Topics.INVENTORY_COMMANDS, orderId), records -> !records.isEmpty()).get(0);
        faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, true);

        Answer answer = send("POST", "/actuator/redelivery", """
                {"topic": "inventory.commands", "partition": %d, "offset": %d}""".formatted(original.partition(),
                original.offset()));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("orderId").asString()).isEqualTo(orderId);
        assertThat(answer.body().get("consumed").asBoolean()).isTrue();
        assertThat(answer.body().get("skippedAsDuplicate").asBoolean()).isFalse();
        assertThat(stock.timesReserved(orderId)).isEqualTo(2);
    }

    /** /actuator/partitions lives in support's messaging package; this listener is the nearest real one to ask about. */
    @Test
    void thePartitionsSayWhichConsumerHoldsEachAndHowFarTheGroupIsBehind() throws Exception {
        String orderId = UUID.randomUUID().toString();
        probe.send(reserve(orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> stock.timesReserved(orderId) == 1);

        // Committed after the handler ran: wait until the group has nothing left to read on the topic.
        JsonNode group = await().atMost(Duration.ofSeconds(20)).until(
                () -> send("GET", "/actuator/partitions", null).body().get("groups").get(0),
                g -> g.get("topics").get(0).get("partitions").valueStream().allMatch(p -> p.get("lag").asLong() == 0));

        assertThat(group.get("group").asString()).isEqualTo("stock-keeper");
        assertThat(group.get("state").asString()).isEqualToIgnoringCase("stable");
        JsonNode commands = group.get("topics").get(0);
        assertThat(commands.get("topic").asString()).isEqualTo(Topics.INVENTORY_COMMANDS);
        assertThat(commands.get("partitions").valueStream().toList()).hasSize(6).allSatisfy(p ->
                assertThat(p.get("consumer").asString()).matches("application-\\d+-inventory\\.commands\\+payment\\.events-[0-2]"));
        assertThat(commands.get("partitions").valueStream().mapToLong(p -> p.get("end").asLong()).sum()).isPositive();
    }

    /** /actuator/messages lives in support's messaging package too; a topic nobody here reads keeps this run's records apart. */
    @Test
    void theLatestMessagesOfATopicComeNewestFirstWithTheirHeadersAndTheirTraceId() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String orderId : List.of(first, second)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INVENTORY_EVENTS, orderId,
                    "{\"orderId\":\"" + orderId + "\"}");
            record.headers().add(Topics.TYPE_HEADER, "StockReserved".getBytes(StandardCharsets.UTF_8));
            record.headers().add("b3", ("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1").getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get(10, TimeUnit.SECONDS);
        }

        Answer answer = send("GET", "/actuator/messages/inventory.events", null);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("count").asLong()).isEqualTo(2);
        JsonNode newest = answer.body().get("latest").get(0);
        assertThat(newest.get("key").asString()).isEqualTo(second);
        assertThat(newest.get("type").asString()).isEqualTo("StockReserved");
        assertThat(newest.get("payload").asString()).contains(second);
        assertThat(newest.get("headers").get(Topics.TYPE_HEADER).asString()).isEqualTo("StockReserved");
        assertThat(newest.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(answer.body().get("latest").get(1).get("key").asString()).isEqualTo(first);
        Answer unknown = send("GET", "/actuator/messages/nowhere", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asString()).isEqualTo("no topic 'nowhere'");
    }

    @Test
    void whatCannotBeRedeliveredIsAProblemWithAStableType() throws Exception {
        assertProblem(send("POST", "/actuator/redelivery", "{\"topic\": \"orders.events\", \"last\": true}"),
                400, "unknown-topic", "This service reads inventory.commands, payment.events");
        assertProblem(send("POST", "/actuator/redelivery", "{\"topic\": \"payment.events\", \"last\": true}"),
                404, "nothing-consumed", "has consumed nothing on payment.events");
        assertProblem(send("POST", "/actuator/redelivery", "{\"topic\": \"inventory.commands\", \"partition\": 0, \"offset\": 9999}"),
                400, "offset-not-consumed", "offset 9999 is not among them");
        assertProblem(send("POST", "/actuator/redelivery", "{\"topic\": \"inventory.commands\", \"partition\": 7, \"offset\": 0}"),
                400, "invalid-redelivery", "has partitions 0 to 5, not 7");
        assertProblem(send("POST", "/actuator/redelivery", "{\"topic\": \"inventory.commands\"}"),
                400, "invalid-redelivery", "either \"last\": true or an \"offset\"");
        assertProblem(send("GET", "/actuator/replay?topic=nowhere", null), 400, "unknown-topic", "not 'nowhere'");
        assertProblem(send("POST", "/actuator/replay", "{\"topic\": \"inventory.commands\"}"),
                400, "invalid-redelivery", "A decision names");
    }

    @Test
    void parkedMessagesAreReplayedOrPassedOverOnceEach() throws Exception {
        passOverEverythingWaiting();
        faults.set(new Fault(Topics.INVENTORY_COMMANDS, 0, 0, 1.0, false));
        String one = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        Map<String, String> messageIds = Map.of(one, probe.send(reserve(one)), other, probe.send(reserve(other)));
        JsonNode waiting = await().atMost(Duration.ofSeconds(20))
                .until(() -> send("GET", "/actuator/replay", null).body(), list -> list.size() == 2);
        faults.healAll();

        // Oldest first; the two went to partitions of their own, so either may have been parked first.
        JsonNode first = waiting.get(0);
        JsonNode second = waiting.get(1);
        String replayed = first.get("orderId").asString();
        String passedOver = second.get("orderId").asString();
        assertThat(List.of(replayed, passedOver)).containsExactlyInAnyOrder(one, other);
        assertThat(second.get("offset").asLong()).isGreaterThan(first.get("offset").asLong());
        assertThat(first.get("messageId").asString()).isEqualTo(messageIds.get(replayed));
        assertThat(first.get("topic").asString()).isEqualTo("inventory.commands");
        assertThat(first.get("error").asString()).contains("Fault injected at inventory.commands");
        // Decisions are taken in order: the second cannot go before the first.
        assertProblem(decide(second, true), 409, "dead-letter-not-waiting", "the next one waiting is offset "
                + first.get("offset").asLong());

        Answer replay = decide(first, true);
        assertThat(replay.status()).as(replay.body().toString()).isEqualTo(200);
        assertThat(replay.body().get("replayed").asBoolean()).isTrue();
        assertProblem(decide(first, true), 409, "dead-letter-not-waiting", "the next one waiting is offset "
                + second.get("offset").asLong());
        assertThat(decide(second, false).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> stock.timesReserved(replayed) == 1);
        assertThat(send("GET", "/actuator/replay", null).body()).isEmpty();
        assertThat(stock.timesReserved(passedOver)).isZero();
        // Back with its own headers only: the dead-letter topic's exception headers stay behind.
        ConsumerRecord<String, String> copy = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.records(Topics.INVENTORY_COMMANDS, replayed), records -> records.size() == 2).get(1);
        assertThat(copy.headers()).extracting(header -> header.key()).containsExactlyInAnyOrder(Topics.TYPE_HEADER,
                Topics.ID_HEADER);
    }

    private void passOverEverythingWaiting() throws Exception {
        for (JsonNode parked : send("GET", "/actuator/replay", null).body()) {
            assertThat(decide(parked, false).status()).isEqualTo(200);
        }
    }

    private Answer decide(JsonNode parked, boolean replay) throws Exception {
        return send("POST", "/actuator/replay", """
                {"topic": "%s", "partition": %d, "offset": %d, "replay": %s}""".formatted(parked.get("topic").asString(),
                parked.get("partition").asInt(), parked.get("offset").asLong(), replay));
    }

    private static ReserveStockCommand reserve(String orderId) {
        return new ReserveStockCommand(orderId, List.of(new OrderLine("book", 1)));
    }

    private static void assertProblem(Answer answer, int status, String type, String detail) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("type").asString()).isEqualTo("urn:playground:problem:" + type);
        assertThat(answer.body().get("detail").asString()).contains(detail);
    }

    record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }
}
