package com.example.playground.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
    void latencyIsReadAsOneValueOrARange() {
        assertThat(Fault.latency("300")).containsExactly(300, 300);
        assertThat(Fault.latency("100-500")).containsExactly(100, 500);
        assertThat(Fault.latency(null)).containsExactly(0, 0);
        assertThatThrownBy(() -> Fault.latency("slow")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault("inbound", 500, 100, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault("inbound", 0, 0, 1.5, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
