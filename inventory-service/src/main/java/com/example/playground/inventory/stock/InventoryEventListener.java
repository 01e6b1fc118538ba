package com.example.playground.inventory.stock;

import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Choreography: inventory reacts to what other services say happened. No one tells it what to do. */
@Component
class InventoryEventListener {

    private final Inbox inbox;
    private final Reservations reservations;

    InventoryEventListener(Inbox inbox, Reservations reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof OrderPlaced placed && placed.saga() == SagaStyle.CHOREOGRAPHY) {
                reservations.reserve(placed);
            } else if (message instanceof PaymentDeclined declined) {
                reservations.release(declined);
            } else if (message instanceof OrderRejected rejected) {
                reservations.release(rejected);
            }
        });
    }
}
