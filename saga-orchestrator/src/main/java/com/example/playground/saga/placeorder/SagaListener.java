package com.example.playground.saga.placeorder;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One listener for every topic a saga hears from, so the replies of one saga are handled one at a
 * time, in the order they arrive. The listener runs a consumer per partition (support's
 * {@code spring.kafka.listener.concurrency}); a saga's messages all carry its order id as key, so they
 * land on the same partition number of each topic, and Kafka's default range assignment gives one
 * partition number of every topic to one consumer. Other sagas go on beside it. Orchestrated orders
 * drive their saga; choreographed ones are only written down.
 *
 * <p>What it hears comes from {@link PlaceOrderSaga}: the event that starts the saga, and every
 * reply a step names, on the topics those travel on. A step added there is heard without a change here.
 */
@Component
class SagaListener {

    private final Inbox inbox;
    private final Handlers handlers;

    SagaListener(Inbox inbox, PlaceOrderOrchestrator orchestrator, ChoreographyTimeline timeline) {
        this.inbox = inbox;
        this.handlers = new Handlers().on(OrderPlaced.class, placed -> {
            orchestrator.start(placed);
            timeline.started(placed);
        });
        for (Class<? extends Event> reply : PlaceOrderSaga.DEFINITION.replies()) {
            handlers.on(reply, event -> {
                orchestrator.handle(event);
                timeline.heard(event);
            });
        }
    }

    /** The topics of the messages it handles; {@code __listener} is this bean. */
    public List<String> topics() {
        return handlers.types().stream().map(Topics::of).distinct().sorted().toList();
    }

    @KafkaListener(topics = "#{__listener.topics()}")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
