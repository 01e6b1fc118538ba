package com.example.playground.order.order;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class OrderCommandListener {

    private final Inbox inbox;
    private final Orders orders;

    OrderCommandListener(Inbox inbox, Orders orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @KafkaListener(topics = Topics.ORDER_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof ApproveOrderCommand command) {
                orders.approve(command.orderId());
            } else if (message instanceof RejectOrderCommand command) {
                orders.reject(command.orderId(), command.reason());
            }
        });
    }
}
