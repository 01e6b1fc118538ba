package com.example.playground.support.twophase;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/preparedtransactions} on the management port: whether this service can take
 * part in two-phase commit, and its prepared transactions now: each one's age, the locks it holds and
 * the sessions waiting for them. What a coordinator that died between prepare and commit leaves behind.
 */
@Endpoint(id = "preparedtransactions")
class PreparedTransactionsEndpoint {

    private final PreparedTransactions prepared;

    PreparedTransactionsEndpoint(PreparedTransactions prepared) {
        this.prepared = prepared;
    }

    record Held(String id, OffsetDateTime preparedAt, long heldMillis, long locks, long waiting) {
    }

    record Answer(boolean available, List<Held> prepared) {
    }

    @ReadOperation
    Answer prepared() {
        OffsetDateTime now = OffsetDateTime.now();
        return new Answer(prepared.available(), prepared.list().stream()
                .map(p -> new Held(p.id(), p.preparedAt(), Duration.between(p.preparedAt(), now).toMillis(), p.locks(),
                        p.waiting()))
                .toList());
    }
}
