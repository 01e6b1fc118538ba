package com.example.playground.saga.placeorder;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One listener for every topic a saga hears from, so the replies of one saga are handled one at a
 * time, in the order they arrive. Orchestrated orders drive their saga; choreographed ones are
 * only written down.
 */
@Component
class SagaListener {

    private final Inbox inbox;
    private final PlaceOrderOrchestrator orchestrator;
    private final ChoreographyTimeline timeline;

    SagaListener(Inbox inbox, PlaceOrderOrchestrator orchestrator, ChoreographyTimeline timeline) {
        this.inbox = inbox;
        this.orchestrator = orchestrator;
        this.timeline = timeline;
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof OrderPlaced placed) {
                orchestrator.start(placed);
                timeline.started(placed);
            } else if (message instanceof Event event) {
                orchestrator.handle(event);
                timeline.heard(event);
            }
        });
    }
}
