package com.example.playground.order.order;

import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Choreography: the participants' events, which end choreographed orders. */
@Component
class OrderEventListener {

    private final Inbox inbox;
    private final Handlers handlers;

    OrderEventListener(Inbox inbox, ChoreographedOrders choreography) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(StockRejected.class, choreography::stockRejected)
                .on(PaymentAuthorized.class, choreography::paymentAuthorized)
                .on(PaymentDeclined.class, choreography::paymentDeclined)
                .on(StockReleased.class, choreography::stockReleased);
    }

    @KafkaListener(topics = {Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
