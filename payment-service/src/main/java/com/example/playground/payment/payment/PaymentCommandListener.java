package com.example.playground.payment.payment;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class PaymentCommandListener {

    private final Inbox inbox;
    private final Payments payments;

    PaymentCommandListener(Inbox inbox, Payments payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(topics = Topics.PAYMENT_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof AuthorizePaymentCommand command) {
                payments.authorize(command);
            } else if (message instanceof RefundPaymentCommand command) {
                payments.refund(command);
            }
        });
    }
}
