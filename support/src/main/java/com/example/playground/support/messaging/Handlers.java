package com.example.playground.support.messaging;

import com.example.playground.contracts.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A listener's handlers, one per message type, for {@link Inbox#receive}: the typed dispatch that
 * Spring Kafka's {@code @KafkaHandler} would do, kept inside the inbox's transaction (see
 * docs/decisions.md, "Listeners dispatch by type through Handlers, not @KafkaHandler").
 *
 * <pre>{@code
 * handlers = new Handlers()
 *         .on(ReserveStockCommand.class, reservations::reserve)
 *         .on(ReleaseStockCommand.class, reservations::release);
 * }</pre>
 *
 * A message of a type with no handler is ignored, and the inbox does not record it: listeners share
 * topics, and each cares about a few of the types on them.
 */
public final class Handlers implements Consumer<Message> {

    private final Map<Class<? extends Message>, Consumer<Message>> byType = new LinkedHashMap<>();

    /** Handles messages of exactly this type (each message type is a record: no subtypes). */
    public <M extends Message> Handlers on(Class<M> type, Consumer<? super M> handler) {
        if (byType.putIfAbsent(type, message -> handler.accept(type.cast(message))) != null) {
            throw new IllegalStateException(type.getSimpleName() + " has a handler already");
        }
        return this;
    }

    /** Whether a handler is given for this message's type. */
    public boolean handles(Message message) {
        return byType.containsKey(message.getClass());
    }

    /** The types handled, in the order they were given. */
    public Set<Class<? extends Message>> types() {
        return byType.keySet();
    }

    @Override
    public void accept(Message message) {
        Consumer<Message> handler = byType.get(message.getClass());
        if (handler != null) {
            handler.accept(message);
        }
    }
}
