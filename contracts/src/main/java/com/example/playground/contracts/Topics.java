package com.example.playground.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that names every Kafka topic and every message, and says which topic each message
 * travels on. Services never spell a topic name themselves.
 *
 * <p>Commands go to the topic of the service that must act; events go to the topic of the service
 * that published them. A message's type travels in the {@value #TYPE_HEADER} record header as the
 * record's simple class name; its unique id, used by idempotent consumers, in {@value #ID_HEADER}.
 */
public final class Topics {

    public static final String ORDER_EVENTS = "orders.events";
    public static final String ORDER_COMMANDS = "orders.commands";
    public static final String INVENTORY_COMMANDS = "inventory.commands";
    public static final String INVENTORY_EVENTS = "inventory.events";
    public static final String PAYMENT_COMMANDS = "payment.commands";
    public static final String PAYMENT_EVENTS = "payment.events";

    /** Where a listener parks a message it cannot handle, so it can go on with the next one. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final String TYPE_HEADER = "message-type";
    public static final String ID_HEADER = "message-id";

    private static final Map<Class<? extends Message>, String> TOPIC_OF_MESSAGE = new LinkedHashMap<>();

    static {
        on(ORDER_EVENTS, OrderPlaced.class, OrderApproved.class, OrderRejected.class);
        on(ORDER_COMMANDS, ApproveOrderCommand.class, RejectOrderCommand.class);
        on(INVENTORY_COMMANDS, ReserveStockCommand.class, ReleaseStockCommand.class);
        on(INVENTORY_EVENTS, StockReserved.class, StockRejected.class, StockReleased.class);
        on(PAYMENT_COMMANDS, AuthorizePaymentCommand.class, RefundPaymentCommand.class);
        on(PAYMENT_EVENTS, PaymentAuthorized.class, PaymentDeclined.class, PaymentRefunded.class);
    }

    private Topics() {
    }

    /** Every topic a service may publish to or listen on (dead-letter topics not included). */
    public static List<String> all() {
        return List.of(ORDER_EVENTS, ORDER_COMMANDS, INVENTORY_COMMANDS, INVENTORY_EVENTS,
                PAYMENT_COMMANDS, PAYMENT_EVENTS);
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The topic a message is published to. */
    public static String of(Message message) {
        return of(message.getClass());
    }

    public static String of(Class<? extends Message> type) {
        String topic = TOPIC_OF_MESSAGE.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("No topic is named for " + type.getName());
        }
        return topic;
    }

    /** The name a message's type travels under in the {@value #TYPE_HEADER} header. */
    public static String typeName(Class<? extends Message> type) {
        return type.getSimpleName();
    }

    /** The message class for a {@value #TYPE_HEADER} header value, if it is one we know. */
    public static Optional<Class<? extends Message>> typeNamed(String name) {
        return TOPIC_OF_MESSAGE.keySet().stream().filter(type -> typeName(type).equals(name)).findFirst();
    }

    @SafeVarargs
    private static void on(String topic, Class<? extends Message>... types) {
        for (Class<? extends Message> type : types) {
            TOPIC_OF_MESSAGE.put(type, topic);
        }
    }
}
