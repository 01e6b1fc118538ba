package com.example.playground.support.redelivery;

import com.example.playground.support.redelivery.DeadLetterReplay.Decided;
import com.example.playground.support.redelivery.DeadLetterReplay.Parked;
import com.example.playground.support.redelivery.Redelivery.Redelivered;
import com.example.playground.support.web.Problems;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * On the management port only (127.0.0.1, never routed by the gateway), the tools for delivering a
 * message again:
 * <ul>
 * <li>{@code POST /actuator/redelivery} with {@code {"topic": "payment.commands", "last": true}} or
 * {@code {"topic": ..., "offset": 4, "partition": 1}}: a record this service consumed, delivered once
 * more ({@link Redelivery}); answers where it came from, where the copy went, and whether the copy
 * was consumed and skipped as a duplicate. {@code ./playground redeliver} calls it.</li>
 * <li>{@code GET /actuator/replay[?topic=T]}: the parked messages on the dead-letter topics that
 * nobody has decided on yet; {@code POST /actuator/replay} with
 * {@code {"topic": T, "partition": 0, "offset": 3, "replay": true}} replays the next one, or passes
 * over it with {@code false} ({@link DeadLetterReplay}). {@code ./playground dead-letters replay}
 * calls both, and asks the order's saga in between.</li>
 * </ul>
 */
@RestController
@RequestMapping("${management.endpoints.web.base-path:/actuator}")
class RedeliveryController {

    /** At most this many parked messages in one answer; the CLI asks again until none waits. */
    private static final int WAITING_LIMIT = 100;

    private final Redelivery redelivery;
    private final DeadLetterReplay replay;

    RedeliveryController(Redelivery redelivery, DeadLetterReplay replay) {
        this.redelivery = redelivery;
        this.replay = replay;
    }

    /** Which consumed record to deliver again: the newest ({@code last}), or the one at an offset. */
    record RedeliveryRequest(@Nullable String topic, @Nullable Integer partition, @Nullable Long offset,
                             @Nullable Boolean last) {
    }

    /** Replay the parked message at this place ({@code replay} true), or pass over it for good. */
    record Decision(@Nullable String topic, @Nullable Integer partition, @Nullable Long offset,
                    @Nullable Boolean replay) {
    }

    @PostMapping("/redelivery")
    Redelivered redeliver(@RequestBody RedeliveryRequest request) {
        if (request.topic() == null || request.topic().isBlank()) {
            throw Redelivery.invalid("Name the topic: {\"topic\": \"payment.commands\", \"last\": true}");
        }
        boolean last = Boolean.TRUE.equals(request.last());
        if (last == (request.offset() != null)) {
            throw Redelivery.invalid("Say either \"last\": true or an \"offset\", one of the two");
        }
        if (request.offset() != null && request.offset() < 0 || request.partition() != null && request.partition() < 0) {
            throw Redelivery.invalid("Offsets and partitions are 0 or more");
        }
        if (last && request.partition() != null) {
            throw Redelivery.invalid("\"last\" looks at every partition; a partition goes with an \"offset\"");
        }
        return last ? redelivery.last(request.topic()) : redelivery.offset(request.topic(), request.partition(),
                request.offset());
    }

    @GetMapping("/replay")
    List<Parked> waiting(@RequestParam(required = false) @Nullable String topic) {
        return replay.waiting(topic, WAITING_LIMIT);
    }

    @PostMapping("/replay")
    Decided decide(@RequestBody Decision decision) {
        if (decision.topic() == null || decision.partition() == null || decision.offset() == null
                || decision.replay() == null) {
            throw Redelivery.invalid("A decision names topic, partition, offset and replay (true or false)");
        }
        return replay.decide(decision.topic(), decision.partition(), decision.offset(), decision.replay());
    }

    /** The broker is away or did not acknowledge in time: nothing was decided, try again later. */
    @ExceptionHandler(KafkaException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "kafka-unavailable", "Kafka did not answer", e.getMessage()));
    }
}
