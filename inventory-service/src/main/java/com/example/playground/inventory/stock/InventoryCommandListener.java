package com.example.playground.inventory.stock;

import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.Topics;
import com.example.playground.support.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class InventoryCommandListener {

    private final Inbox inbox;
    private final Reservations reservations;

    InventoryCommandListener(Inbox inbox, Reservations reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = Topics.INVENTORY_COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, message -> {
            if (message instanceof ReserveStockCommand command) {
                reservations.reserve(command);
            } else if (message instanceof ReleaseStockCommand command) {
                reservations.release(command);
            }
        });
    }
}
