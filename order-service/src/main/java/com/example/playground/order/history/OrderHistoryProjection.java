package com.example.playground.order.history;

import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * CQRS, the query side: every event of every order, from the three event topics, folded into one
 * row per order ({@link OrderHistory}). It reads as a consumer group of its own, so it can fall
 * behind, be paused ({@code order-history-paused}) and be replayed from the start
 * ({@link RebuildEndpoint}) without touching the listeners that run the orders, and through an
 * inbox of its own, so a redelivered event is counted once.
 *
 * <p>An empty history reads the topics from their start, whatever its group committed before: after
 * {@code ./playground reset} (fresh databases, Kafka kept) it is filled again from what the topics
 * hold, so it always equals what a rebuild would give.
 */
@Component
class OrderHistoryProjection implements ConsumerSeekAware {

    static final String LISTENER_ID = "order-history";
    static final String GROUP = "order-service-history";

    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final OrderHistory history;
    private final KafkaListenerEndpointRegistry listeners;
    private final Faults faults;

    OrderHistoryProjection(JdbcClient jdbc, JsonMapper json, Clock clock, ApplicationEventPublisher events,
            OrderHistory history, KafkaListenerEndpointRegistry listeners, Faults faults,
            PlatformTransactionManager transactionManager) {
        // Made here, not a bean: the service's listeners inject the one Inbox bean by type. Not a Spring
        // proxy either, so its @Transactional does not apply: the transaction is this class's own.
        this.inbox = new Inbox(jdbc, json, clock, faults, events, "order_history_message");
        this.transactions = new TransactionTemplate(transactionManager);
        this.history = history;
        this.listeners = listeners;
        this.faults = faults;
        faults.offer(Switch.ORDER_HISTORY_PAUSED, this::paused);
    }

    /**
     * A poll's records in one transaction: a read model has no one waiting on each event, and one
     * commit for a batch instead of one per event is what lets it keep up beside the orders it
     * follows (and replay in a rebuild at speed). If the batch fails, each record is tried again in a
     * transaction of its own, so the one that fails is named to the error handler, and those before
     * it are kept.
     */
    @KafkaListener(id = LISTENER_ID, groupId = GROUP, containerFactory = HistoryConfiguration.FACTORY, batch = "true",
            topics = {Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS, Topics.INVENTORY_EVENTS})
    void on(List<ConsumerRecord<String, String>> records) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(this::project));
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                try {
                    transactions.executeWithoutResult(status -> project(record));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, i);
                }
            }
        }
    }

    private void project(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers(Instant.ofEpochMilli(record.timestamp())));
    }

    /** Each event, stamped with the time it was published: the row's times are the events' own. */
    private Handlers handlers(Instant at) {
        return new Handlers()
                .on(OrderPlaced.class, placed -> history.placed(placed, at))
                .on(OrderApproved.class, e -> history.orderEnded(e.orderId(), "APPROVED", null, at))
                .on(OrderRejected.class, e -> history.orderEnded(e.orderId(), "REJECTED", e.reason(), at))
                .on(PaymentAuthorized.class, e -> history.payment(e.orderId(), "AUTHORIZED", at))
                .on(PaymentDeclined.class, e -> history.payment(e.orderId(), "DECLINED", at))
                .on(PaymentRefunded.class, e -> history.payment(e.orderId(), "REFUNDED", at))
                .on(StockReserved.class, e -> history.stock(e.orderId(), "RESERVED", at))
                .on(StockRejected.class, e -> history.stock(e.orderId(), "REJECTED", at))
                .on(StockReleased.class, e -> history.stock(e.orderId(), "RELEASED", at));
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (history.neverFilled()) {
            callback.seekToBeginning(assignments.keySet());
        }
    }

    MessageListenerContainer container() {
        return listeners.getListenerContainer(LISTENER_ID);
    }

    boolean isPaused() {
        return faults.isOn(Switch.ORDER_HISTORY_PAUSED);
    }

    /** The switch pauses the consumers (they stay in the group, so nobody else takes their partitions). */
    private void paused(boolean on) {
        MessageListenerContainer container = container();
        if (container == null) {
            return;
        }
        if (on) {
            container.pause();
        } else {
            container.resume();
        }
    }
}
