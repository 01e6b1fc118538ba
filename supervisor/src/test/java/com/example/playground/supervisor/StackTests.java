package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scaling the table of processes: instance counts replace the stack's own, and what lies beyond is known. */
class StackTests {

    @Test
    void instanceCountsReplaceTheStacksOwnSoAStackCanBeScaledDownToo() {
        Stack two = Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2, "payment-service", 2));

        Stack back = two.withInstances(Map.of("payment-service", 2));

        assertThat(two.instances()).isEqualTo(Map.of("inventory-service", 2, "payment-service", 2));
        assertThat(back.instances()).isEqualTo(Map.of("payment-service", 2));
        assertThat(back.names()).doesNotContain("inventory-service-2").contains("inventory-service", "payment-service-2");
        assertThat(two.withInstances(two.instances())).isEqualTo(two);
    }

    @Test
    void theInstancesBeyondAStackAreEveryExtraInstanceItDoesNotRun() {
        Stack two = Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2));

        assertThat(two.instancesBeyond()).extracting(Component::name)
                .contains("inventory-service-3", "order-service-2", "order-service-3")
                .doesNotContain("inventory-service", "inventory-service-2", "gateway-2", "kafka-2");
        assertThat(two.instancesBeyond()).filteredOn(c -> c.name().equals("inventory-service-3"))
                .singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(8103));
    }

    @Test
    void anOptInProcessRunsOnlyWhenAskedForOnceAndIsBeyondAStackWithoutIt() {
        Stack plain = Stack.withPortOffset(0);
        Stack with = plain.withInstances(Map.of("monolith", 1));

        assertThat(plain.find("monolith")).isEmpty();
        assertThat(plain.instancesBeyond()).extracting(Component::name).contains("monolith");
        assertThat(with.names()).containsSubsequence("saga-orchestrator", "monolith", "gateway", "control-room");
        assertThat(with.component("monolith")).satisfies(c -> {
            assertThat(c.port()).isEqualTo(8085);
            assertThat(c.managementPort()).isEqualTo(8185);
            assertThat(c.registersWithEureka()).isTrue();
        });
        assertThat(with.instances()).isEqualTo(Map.of("monolith", 1));
        assertThat(with.instancesBeyond()).extracting(Component::name).doesNotContain("monolith");
        assertThat(with.withInstances(Map.of()).find("monolith")).isEmpty();
        assertThat(with.withInstances(with.instances())).isEqualTo(with);
        assertThatThrownBy(() -> plain.withInstances(Map.of("monolith", 2)))
                .hasMessageContaining("monolith runs once or not at all");
    }

    @Test
    void paymentServiceRestartsWhenItsSidecarJoinsOrLeavesAndOnlyThen() {
        Stack plain = Stack.withPortOffset(0);
        Stack with = plain.withInstances(Map.of("payment-sidecar", 1));

        assertThat(with.names()).containsSubsequence("payment-service", "payment-sidecar", "gateway");
        assertThat(with.component("payment-sidecar").ports()).containsExactly(8086, 8186);
        assertThat(with.rewiredSince(Map.of())).extracting(Component::name).containsExactly("payment-service");
        assertThat(plain.rewiredSince(Map.of("payment-sidecar", 1))).extracting(Component::name)
                .containsExactly("payment-service");
        assertThat(with.rewiredSince(Map.of("payment-sidecar", 1))).isEmpty();
        assertThat(plain.rewiredSince(Map.of("monolith", 1))).isEmpty();
        assertThat(with.withInstances(Map.of("payment-sidecar", 0)).find("payment-sidecar")).isEmpty();
    }

    @Test
    void theCanaryIsAnOptInVersionOfInventoryServiceThatCountsAsNoInstanceOfIt() {
        Stack with = Stack.withPortOffset(0).withInstances(Map.of("inventory-canary", 1, "inventory-service", 2));

        assertThat(with.names()).containsSubsequence("inventory-service", "inventory-service-2", "inventory-canary", "gateway");
        assertThat(with.component("inventory-canary")).satisfies(c -> {
            assertThat(c.module()).isEqualTo("inventory-service");
            assertThat(c.ports()).containsExactly(8088, 8188);
            assertThat(c.routeProbe()).isNull();
            assertThat(c.kind().keepsData()).isTrue();
        });
        // The autoscaler counts instances of inventory-service: the canary is not one it may stop or add.
        assertThat(with.instancesOf("inventory-service")).isEqualTo(2);
        assertThat(with.instances()).isEqualTo(Map.of("inventory-service", 2, "inventory-canary", 1));
        assertThat(with.withInstances(with.instances())).isEqualTo(with);
        assertThat(with.withInstances(Map.of("inventory-service", 3)).find("inventory-canary")).isEmpty();
    }
}
