package com.example.playground.order.order;

import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.order.catalog.Catalog;
import com.example.playground.order.catalog.CatalogItem;
import com.example.playground.order.monolith.SynchronousCreditCheck;
import com.example.playground.order.order.OrderRepository.IdempotencyRecord;
import com.example.playground.order.twophase.TwoPhaseCommit;
import com.example.playground.support.messaging.Outbox;
import com.example.playground.support.web.ProblemException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders and ends them. Placing stores the order PENDING and its {@link OrderPlaced} event in
 * the outbox in one transaction; the saga then decides, and tells this service to approve or reject.
 */
@Service
public class Orders {

    private final OrderRepository orders;
    private final Catalog catalog;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SagaStyle defaultSaga;
    private final EventKeys keys;
    private final SynchronousCreditCheck creditCheck;
    private final TwoPhaseCommit twoPhaseCommit;

    Orders(OrderRepository orders, Catalog catalog, Outbox outbox, TransactionTemplate transaction, Clock clock,
            @Value("${playground.orders.default-saga:orchestration}") String defaultSaga, EventKeys keys,
            SynchronousCreditCheck creditCheck, TwoPhaseCommit twoPhaseCommit) {
        this.orders = orders;
        this.catalog = catalog;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultSaga = sagaStyle(defaultSaga);
        this.keys = keys;
        this.creditCheck = creditCheck;
        this.twoPhaseCommit = twoPhaseCommit;
        if (this.defaultSaga == SagaStyle.TWO_PHASE_COMMIT) {
            throw new IllegalArgumentException("playground.orders.default-saga is a saga style: orchestration or choreography");
        }
    }

    /** What placing an order answered: the order, and whether it was placed just now or earlier with the same key. */
    record Placed(OrderView order, boolean replayed) {
    }

    public Placed place(PlaceOrderRequest request, String idempotencyKey) {
        SagaStyle saga = request.saga() == null ? defaultSaga : sagaStyle(request.saga());
        String requestHash = hash(request, saga);
        Optional<OrderView> earlier = replay(idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return new Placed(earlier.get(), true);
        }
        if (saga == SagaStyle.TWO_PHASE_COMMIT) {
            twoPhaseCommit.requireAvailable();
        }
        if (!orders.customerExists(request.customerId())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer", "Unknown customer",
                    "There is no customer '" + request.customerId() + "'");
        }
        List<OrderLineView> lines = price(request.items());
        BigDecimal total = lines.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // Off unless the distributed-monolith switch is on: then payment-service must answer before anything is stored.
        creditCheck.check(request.customerId(), total);
        String orderId = UUID.randomUUID().toString();
        // Chosen once and stored with the order: its later events reuse it, whatever the switch says then.
        String eventKey = keys.of(orderId, request.customerId());
        OffsetDateTime now = now();
        List<OrderLine> items = lines.stream().map(line -> new OrderLine(line.sku(), line.quantity())).toList();
        try {
            transaction.executeWithoutResult(status -> {
                orders.insert(orderId, request.customerId(), lines, total, saga, eventKey, now);
                if (idempotencyKey != null) {
                    orders.saveIdempotencyKey(new IdempotencyRecord(idempotencyKey, requestHash, orderId), now);
                }
                // Every order's events, also one placed by two-phase commit: the sagas ignore its style, the history shows it.
                outbox.publish(new OrderPlaced(orderId, request.customerId(), items, total, saga), eventKey);
                if (saga == SagaStyle.TWO_PHASE_COMMIT) {
                    twoPhaseCommit.begin(orderId);
                }
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another request with the same key won the race: answer as it did.
            return replay(idempotencyKey, requestHash).map(order -> new Placed(order, true)).orElseThrow(() -> e);
        }
        if (saga == SagaStyle.TWO_PHASE_COMMIT) {
            try {
                endTwoPhaseCommit(orderId, twoPhaseCommit.vote(orderId, request.customerId(), items, total));
            } finally {
                // Whatever failed on the way (a vote, the decision), recovery may take the order over now.
                twoPhaseCommit.leave(orderId);
            }
        }
        return new Placed(orders.find(orderId).orElseThrow(), false);
    }

    /**
     * The coordinator's decision (commit when nobody refused) logged with the order's end in one local
     * transaction, then told to the participants. Also what recovery calls for an order whose
     * coordinator died before deciding: then with a refusal, as an undecided order is aborted.
     */
    void endTwoPhaseCommit(String orderId, String refusal) {
        transaction.executeWithoutResult(status -> {
            if (!twoPhaseCommit.decide(orderId, refusal == null)) {
                return;
            }
            if (refusal == null) {
                approve(orderId);
            } else {
                reject(orderId, refusal);
            }
        });
        twoPhaseCommit.finish(orderId);
    }

    public Optional<OrderView> find(String orderId) {
        return orders.find(orderId);
    }

    /** Approves a PENDING order. Repeating it (or approving an order already ended) changes nothing. */
    public void approve(String orderId) {
        transaction.executeWithoutResult(status -> {
            if (orders.finish(orderId, OrderStatus.APPROVED, null, now())) {
                outbox.publish(new OrderApproved(orderId), orders.eventKeyOf(orderId));
            } else {
                republishEnd(orderId);
            }
        });
    }

    /** Rejects a PENDING order with a reason. Repeating it (or rejecting an order already ended) changes nothing. */
    public void reject(String orderId, String reason) {
        transaction.executeWithoutResult(status -> {
            if (orders.finish(orderId, OrderStatus.REJECTED, reason, now())) {
                outbox.publish(new OrderRejected(orderId, reason), orders.eventKeyOf(orderId));
            } else {
                republishEnd(orderId);
            }
        });
    }

    /** The saga may ask twice (a retried command): tell it again how the order ended, so it can go on. */
    private void republishEnd(String orderId) {
        orders.find(orderId).ifPresent(order -> {
            if (order.status() == OrderStatus.APPROVED) {
                outbox.publish(new OrderApproved(orderId), orders.eventKeyOf(orderId));
            } else if (order.status() == OrderStatus.REJECTED) {
                outbox.publish(new OrderRejected(orderId, order.rejectionReason()), orders.eventKeyOf(orderId));
            }
        });
    }


    private Optional<OrderView> replay(String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return orders.findIdempotencyKey(idempotencyKey).map(earlier -> {
            if (!earlier.requestHash().equals(requestHash)) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                        "Idempotency key reused", "This Idempotency-Key was used for a different request");
            }
            return orders.find(earlier.orderId()).orElseThrow();
        });
    }

    private List<OrderLineView> price(List<PlaceOrderRequest.Item> items) {
        Set<String> seen = new HashSet<>();
        List<OrderLineView> lines = new ArrayList<>();
        for (PlaceOrderRequest.Item item : items) {
            if (!seen.add(item.sku())) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "duplicate-sku", "Duplicate SKU",
                        "SKU '" + item.sku() + "' appears more than once; put the whole quantity on one line");
            }
            CatalogItem known = catalog.find(item.sku()).orElseThrow(() -> new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU",
                    "There is no SKU '" + item.sku() + "'"));
            lines.add(new OrderLineView(item.sku(), item.quantity(), known.price()));
        }
        return lines;
    }

    static SagaStyle sagaStyle(String name) {
        for (SagaStyle style : SagaStyle.values()) {
            if (style.apiName().equalsIgnoreCase(name) || style.name().equalsIgnoreCase(name)) {
                return style;
            }
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "unknown-saga-style", "Unknown saga style",
                "saga must be \"orchestration\", \"choreography\" or \"two-phase-commit\", not \"" + name + "\"");
    }

    /** Same key + same request means the same order; the hash is what "same request" means. */
    private static String hash(PlaceOrderRequest request, SagaStyle saga) {
        StringBuilder canonical = new StringBuilder(request.customerId()).append('|').append(saga);
        request.items().forEach(item -> canonical.append('|').append(item.sku()).append('x').append(item.quantity()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
