package com.example.playground.payment.payment;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Orchestration: the saga-orchestrator asks for a payment, or for its refund. */
@Component
class PaymentCommandListener {

    private final Inbox inbox;
    private final Handlers handlers;

    PaymentCommandListener(Inbox inbox, Payments payments) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(AuthorizePaymentCommand.class, payments::authorize)
                .on(RefundPaymentCommand.class, payments::refund);
    }

    @KafkaListener(topics = Topics.PAYMENT_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
