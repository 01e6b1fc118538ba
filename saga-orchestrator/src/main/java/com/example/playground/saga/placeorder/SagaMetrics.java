package com.example.playground.saga.placeorder;

import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.placeorder.SagaRepository.StoredSaga;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Saga outcomes and durations per style, for /actuator/metrics and /actuator/prometheus:
 * {@code playground.saga.duration} (a timer, so also a count) tagged with {@code style}
 * (orchestration, choreography) and {@code outcome} (completed, rolled_back). Both styles end
 * here, so the two can be compared on the same numbers.
 */
@Component
class SagaMetrics {

    private final MeterRegistry registry;

    SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a saga that has just finished: from the moment it started to now. */
    void ended(StoredSaga saga, SagaState now, OffsetDateTime at) {
        if (saga.state().status().isFinished() || !now.status().isFinished()) {
            return;
        }
        Timer.builder("playground.saga.duration")
                .description("How long sagas took from start to their end, by style and outcome")
                .tag("style", saga.style().apiName())
                .tag("outcome", now.status().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(Duration.between(saga.createdAt(), at));
    }
}
