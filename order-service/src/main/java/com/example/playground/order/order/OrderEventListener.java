package com.example.playground.order.order;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Choreography: the participants' events, which end choreographed orders. */
@Component
class OrderEventListener {

    private final Inbox inbox;
    private final ChoreographedOrders choreography;

    OrderEventListener(Inbox inbox, ChoreographedOrders choreography) {
        this.inbox = inbox;
        this.choreography = choreography;
    }

    @KafkaListener(topics = {Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof Event event) {
                choreography.on(event);
            }
        });
    }
}
