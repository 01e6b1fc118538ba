package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionsTests {

    private final Stack stack = Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2));

    @Test
    void aPartitionsHolderIsToldAsTheInstanceAndThreadItsConsumerIsNamedAfter() {
        assertThat(Partitions.holder("inventory-service-8083-inventory.commands-2", stack))
                .containsExactly("inventory-service", "2");
        assertThat(Partitions.holder("inventory-service-8093-orders.events+payment.events-0", stack))
                .containsExactly("inventory-service-2", "0");
        assertThat(Partitions.holder(null, stack)).containsExactly(null, null);
    }

    @Test
    void theServicesAnswersAreGatheredByTopicWithEachGroupsHoldersAndLag() {
        Object inventory = Json.parse("""
                {"groups": [{"group": "inventory-service", "state": "STABLE", "members": 6, "topics": [
                  {"topic": "inventory.commands", "partitions": [
                    {"partition": 0, "end": 10, "committed": 10, "lag": 0, "consumer": "inventory-service-8083-inventory.commands-0"},
                    {"partition": 1, "end": 12, "committed": 9, "lag": 3, "consumer": "inventory-service-8093-inventory.commands-0"}]}]}]}
                """);
        Object orders = Json.parse("""
                {"groups": [{"group": "order-service", "state": "PREPARING_REBALANCE", "members": 3, "topics": [
                  {"topic": "inventory.events", "partitions": [
                    {"partition": 0, "end": 4, "committed": null, "lag": 4, "consumer": null}]}]}]}
                """);

        Map<String, Partitions.Topic> topics = Partitions.of(List.of(inventory, orders), stack);

        assertThat(topics).containsOnlyKeys("inventory.commands", "inventory.events");
        Partitions.Topic commands = topics.get("inventory.commands");
        assertThat(commands.ends()).containsExactly(10L, 12L);
        Partitions.Reader reader = commands.reader("inventory-service");
        assertThat(reader.rebalancing()).isFalse();
        assertThat(reader.heldBy("inventory-service")).isEqualTo(1);
        assertThat(reader.heldBy("inventory-service-2")).isEqualTo(1);
        assertThat(reader.lag()).isEqualTo(3);
        Partitions.Reader rebalancing = topics.get("inventory.events").reader("order-service");
        assertThat(rebalancing.rebalancing()).isTrue();
        assertThat(rebalancing.cells()).singleElement().extracting(Partitions.Cell::instance).isNull();
    }
}
