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
 * time, in the order they arrive.
 */
@Component
class SagaListener {

    private final Inbox inbox;
    private final PlaceOrderOrchestrator orchestrator;

    SagaListener(Inbox inbox, PlaceOrderOrchestrator orchestrator) {
        this.inbox = inbox;
        this.orchestrator = orchestrator;
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof OrderPlaced placed) {
                orchestrator.start(placed);
            } else if (message instanceof Event reply) {
                orchestrator.handle(reply);
            }
        });
    }
}
