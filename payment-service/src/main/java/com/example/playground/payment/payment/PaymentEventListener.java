package com.example.playground.payment.payment;

import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.StockReserved;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Choreography: payment reacts to what other services say happened. One listener for both topics,
 * so the two events an order's charge waits for are handled one at a time: the listener runs a
 * consumer per partition, and Kafka's default range assignment gives one consumer the same
 * partition number of both topics, where an order's events land (its id is their key).
 */
@Component
class PaymentEventListener {

    private final Inbox inbox;
    private final Handlers handlers;

    PaymentEventListener(Inbox inbox, ChoreographedCharges charges) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(OrderPlaced.class, charges::orderPlaced)
                .on(StockReserved.class, charges::stockReserved)
                .on(OrderRejected.class, charges::orderRejected);
    }

    @KafkaListener(topics = {Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
