package com.example.playground.inventory.stock;

import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Handlers;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Orchestration: the saga-orchestrator asks for stock, or for its release. */
@Component
class InventoryCommandListener {

    private final Inbox inbox;
    private final Handlers handlers;

    InventoryCommandListener(Inbox inbox, Reservations reservations) {
        this.inbox = inbox;
        this.handlers = new Handlers()
                .on(ReserveStockCommand.class, reservations::reserve)
                .on(ReleaseStockCommand.class, reservations::release);
    }

    @KafkaListener(topics = Topics.INVENTORY_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, handlers);
    }
}
