package com.example.playground.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StackUsageTests {

    @Test
    void aPhaseCostsWhatEachProcessSpentSinceAndAllOfWhatAProcessStartedSinceSpent() {
        StackUsage before = new StackUsage(Map.of(1L, Duration.ofSeconds(10), 2L, Duration.ofSeconds(5),
                3L, Duration.ofSeconds(4)), OptionalLong.empty(), 0);
        // 1 and 2 ran on, 3 ended (a backend closed by the pool), 4 started (a new backend).
        StackUsage after = new StackUsage(Map.of(1L, Duration.ofSeconds(12), 2L, Duration.ofMillis(5500),
                4L, Duration.ofMillis(300)), OptionalLong.empty(), 0);

        assertThat(after.cpuSecondsSince(before)).isEqualTo(2.8);
    }

    @Test
    void theStacksOwnProcessesAreRead() {
        StackUsage usage = StackUsage.of(Map.of("this JVM", ProcessHandle.current()), false);

        assertThat(usage.cpuByProcess()).containsOnlyKeys(ProcessHandle.current().pid());
        assertThat(usage.databaseProcesses()).isZero();
    }
}
