package com.example.playground.order.order;

import com.example.playground.contracts.ApproveOrderCommand;
import com.example.playground.contracts.RejectOrderCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Orchestration: the saga-orchestrator tells an order how to end. */
@Component
class OrderCommandListener {

    private final Inbox inbox;
    private final Handlers handlers;

    OrderCommandListener(Inbox inbox, Orders orders) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(ApproveOrderCommand.class, command -> orders.approve(command.orderId()))
                .on(RejectOrderCommand.class, command -> orders.reject(command.orderId(), command.reason()));
    }

    @KafkaListener(topics = Topics.ORDER_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
