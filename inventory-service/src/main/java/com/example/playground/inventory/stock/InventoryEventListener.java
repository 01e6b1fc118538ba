package com.example.playground.inventory.stock;

import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Choreography: inventory reacts to what other services say happened. No one tells it what to do. */
@Component
class InventoryEventListener {

    private final Inbox inbox;
    private final Handlers handlers;

    InventoryEventListener(Inbox inbox, Reservations reservations) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(OrderPlaced.class, reservations::reserve)
                .on(PaymentDeclined.class, reservations::release)
                .on(OrderRejected.class, reservations::release);
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
