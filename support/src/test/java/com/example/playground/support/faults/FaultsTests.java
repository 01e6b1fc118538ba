package com.example.playground.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultsTests {

    private final Faults faults = new Faults();

    {
        faults.declare("inbound", "requests to /api");
        faults.declare("inventory-service", "outbound calls to inventory-service");
    }

    @Test
    void aTargetWithNoFaultWorksNormally() {
        assertThatCode(() -> faults.inject("inbound")).doesNotThrowAnyException();
    }

    @Test
    void anErrorRateOfOneFailsEveryCallAndOnlyAtItsTarget() {
        faults.set(new Fault("inventory-service", 0, 0, 1.0, false));

        assertThatThrownBy(() -> faults.inject("inventory-service")).isInstanceOf(InjectedFaultException.class)
                .hasMessageContaining("inventory-service");
        assertThatCode(() -> faults.inject("inbound")).doesNotThrowAnyException();
    }

    @Test
    void anErrorRateFailsExactlyThatShareOfCallsEvenlySpread() {
        faults.set(new Fault("inbound", 0, 0, 0.25, false));

        List<Boolean> failed = IntStream.range(0, 400).mapToObj(i -> {
            try {
                faults.inject("inbound");
                return false;
            } catch (InjectedFaultException e) {
                return true;
            }
        }).toList();
        assertThat(failed.stream().filter(f -> f).count()).isEqualTo(100);
        // Every fourth call: never two failures in a row, so a retry gets through.
        assertThat(failed.subList(0, 8)).containsExactly(false, false, false, true, false, false, false, true);
    }

    @Test
    void latencyIsAddedWithinItsRange() {
        faults.set(new Fault("inbound", 30, 60, 0, false));

        long started = System.nanoTime();
        faults.inject("inbound");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }

    @Test
    void aHungCallGoesOnOnceTheFaultIsHealed() {
        faults.set(new Fault("inbound", 0, 0, 0, true));

        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> faults.inject("inbound"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !call.isDone());

        faults.healAll();
        await().atMost(Duration.ofSeconds(2)).until(call::isDone);
        assertThat(call).isCompleted();
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void anUnknownTargetIsRefusedAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> faults.set(new Fault("payment-service", 0, 0, 1, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment-service").hasMessageContaining("inbound, inventory-service");
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void healingTurnsEverySwitchOffToo() {
        faults.set(Switch.OUTBOX_RELAY_PAUSED, true);
        faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, true);
        faults.set(new Fault("inbound", 0, 0, 1, false));

        faults.healAll();

        assertThat(faults.switches()).containsOnlyKeys(Switch.OUTBOX_RELAY_PAUSED, Switch.PUBLISH_WITHOUT_OUTBOX,
                Switch.CONSUME_WITHOUT_IDEMPOTENCY).doesNotContainValue(true);
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void aSwitchThatNoPartOfTheServiceOffersIsNotListedAndCannotBeSet() {
        assertThat(faults.switches()).doesNotContainKey(Switch.ORDER_HISTORY_PAUSED);
        assertThat(faults.switchNamed("order-history-paused")).isEmpty();

        assertThatThrownBy(() -> faults.set(Switch.ORDER_HISTORY_PAUSED, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no switch 'order-history-paused'")
                .hasMessageContaining("consume-without-idempotency, outbox-relay-paused, publish-without-outbox");
        faults.heal("order-history-paused");

        assertThat(faults.isOn(Switch.ORDER_HISTORY_PAUSED)).isFalse();
        assertThat(faults.switches()).doesNotContainKey(Switch.ORDER_HISTORY_PAUSED);
    }

    @Test
    void anOfferedSwitchIsListedAndItsWatcherIsToldEachTimeItChanges() {
        List<Boolean> told = new ArrayList<>();
        faults.offer(Switch.ORDER_HISTORY_PAUSED, told::add);

        assertThat(faults.switches()).containsEntry(Switch.ORDER_HISTORY_PAUSED, false);
        assertThat(faults.switchNamed("order-history-paused")).contains(Switch.ORDER_HISTORY_PAUSED);

        faults.set(Switch.ORDER_HISTORY_PAUSED, true);
        assertThat(faults.switches()).containsEntry(Switch.ORDER_HISTORY_PAUSED, true);
        faults.set(Switch.ORDER_HISTORY_PAUSED, true);
        faults.set(Switch.ORDER_HISTORY_PAUSED, false);
        faults.set(Switch.ORDER_HISTORY_PAUSED, false);
        assertThat(told).as("set: on, then off; the repeats change nothing").containsExactly(true, false);

        faults.set(Switch.ORDER_HISTORY_PAUSED, true);
        faults.heal("order-history-paused");
        faults.heal("order-history-paused");
        assertThat(told).as("heal(name)").containsExactly(true, false, true, false);

        faults.set(Switch.ORDER_HISTORY_PAUSED, true);
        faults.healAll();
        faults.healAll();
        assertThat(told).as("healAll()").containsExactly(true, false, true, false, true, false);
        assertThat(faults.isOn(Switch.ORDER_HISTORY_PAUSED)).isFalse();
    }

    @Test
    void aWatcherIsNotToldOfOtherSwitchesNorOfHealingWhileItsSwitchIsOff() {
        List<Boolean> told = new ArrayList<>();
        faults.offer(Switch.ORDER_HISTORY_PAUSED, told::add);

        faults.set(Switch.OUTBOX_RELAY_PAUSED, true);
        faults.heal("outbox-relay-paused");
        faults.set(Switch.CONSUME_WITHOUT_IDEMPOTENCY, true);
        faults.healAll();

        assertThat(told).isEmpty();
    }

    @Test
    void oneTargetOrOneSwitchCanBeHealedAlone() {
        faults.set(Switch.OUTBOX_RELAY_PAUSED, true);
        faults.set(new Fault("inbound", 0, 0, 1, false));
        faults.set(new Fault("inventory-service", 0, 0, 1, false));

        faults.heal("inbound");
        faults.heal("outbox-relay-paused");

        assertThat(faults.active()).containsOnlyKeys("inventory-service");
        assertThat(faults.isOn(Switch.OUTBOX_RELAY_PAUSED)).isFalse();
    }

    @Test
    void aFaultIsReadFromItsSettingsByKindName() {
        Fault fault = Fault.of("inbound", Map.of("latency", "100-500", "error-rate", 0.25, "hang", true));

        assertThat(fault).isEqualTo(new Fault("inbound", 100, 500, 0.25, true));
        assertThat(Fault.of("inbound", Map.of("latency", 300))).isEqualTo(new Fault("inbound", 300, 300, 0, false));
        // What it reads back is what it was given, and a person can read it too.
        assertThat(fault.settings()).containsExactly(Map.entry("latency", "100-500"), Map.entry("error-rate", "0.25"),
                Map.entry("hang", "true"));
        assertThat(fault.description()).isEqualTo("hangs until healed, fails 25 % of calls, 100-500 ms slower");
        assertThat(new Fault("inbound", 0, 0, 1, false).description()).isEqualTo("fails 100 % of calls");
    }

    @Test
    void settingsThatDoNotSayExactlyOneThingAreRefused() {
        assertThatThrownBy(() -> Fault.of("inbound", Map.of())).hasMessageContaining("Say how to break it: latency");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("slowness", "300")))
                .hasMessageContaining("No fault kind 'slowness'; known: latency, error-rate, hang");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("latency", "slow"))).hasMessageContaining("latency takes");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("latency", "500-100"))).hasMessageContaining("MIN <= MAX");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("error-rate", 1.5))).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("error-rate", "NaN"))).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("hang", "yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Fault.of("inbound", Map.of("hang", false))).hasMessageContaining("break nothing");
    }
}
