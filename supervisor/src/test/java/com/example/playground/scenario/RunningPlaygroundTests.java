package com.example.playground.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunningPlaygroundTests {

    @Test
    void percentilesAreTakenFromTheSortedValues() {
        List<Duration> took = List.of(5, 1, 4, 2, 3).stream().map(Duration::ofMillis).toList();

        assertThat(RunningPlayground.percentile(took, 50)).isEqualTo(Duration.ofMillis(3));
        assertThat(RunningPlayground.percentile(took, 100)).isEqualTo(Duration.ofMillis(5));
        assertThat(RunningPlayground.percentile(took, 1)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void anOrderIdIsReadOnlyFromAPlacedOrder() {
        Map<String, List<String>> none = Map.of();

        assertThat(RunningPlayground.orderId(new Http.Answer(201, "{\"status\":\"PENDING\",\"orderId\":\"o-1\"}",
                Duration.ZERO, none))).hasValue("o-1");
        assertThat(RunningPlayground.orderId(new Http.Answer(503, "{\"orderId\":\"o-1\"}", Duration.ZERO, none)))
                .isEmpty();
        assertThat(RunningPlayground.orderId(new Http.Answer(201, "<html>", Duration.ZERO, none))).isEmpty();
    }
}
