package com.example.playground.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;

/**
 * {@code playground.inbox.duplicates}, per topic and consumer group: the records the inbox skipped
 * because their message id was handled before. Redeliveries after a crash land here, and so does a
 * message its publisher sent twice; a scenario reads it to tell "sent once" from "sent twice and
 * hidden by the inbox".
 */
class InboxDuplicates {

    private final MeterRegistry registry;

    InboxDuplicates(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void on(MessageReceived received) {
        if (received.duplicate()) {
            Counter.builder("playground.inbox.duplicates")
                    .description("Records the idempotent inbox skipped: their message id was handled before")
                    .tag("topic", received.topic())
                    .tag("group", received.group())
                    .register(registry)
                    .increment();
        }
    }
}
