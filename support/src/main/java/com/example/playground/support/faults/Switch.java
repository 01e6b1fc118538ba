package com.example.playground.support.faults;

/**
 * A fault that is simply on or off, set like any other through {@code /actuator/faults}. Most
 * turn a safeguard off (an anti-pattern), so the failure it prevents becomes visible; the pauses
 * break something directly. All are off at start, and healing a service turns them off. The first
 * three exist in every service that talks over Kafka; the others only where a part of the service
 * offers them ({@link Faults#offer}).
 */
public enum Switch {

    OUTBOX_RELAY_PAUSED("outbox-relay-paused", Kind.FAULT, true,
            "The outbox relay stops publishing: committed messages wait in the outbox table"),
    PUBLISH_WITHOUT_OUTBOX("publish-without-outbox", Kind.ANTI_PATTERN, true,
            "Messages go straight to Kafka once the transaction commits, with nothing stored: a crash or a broker outage then loses them"),
    CONSUME_WITHOUT_IDEMPOTENCY("consume-without-idempotency", Kind.ANTI_PATTERN, true,
            "Listeners handle every delivery, even one they have handled before"),
    ORDER_HISTORY_PAUSED("order-history-paused", Kind.FAULT, false,
            "The order-history projection stops reading the event topics: the read model falls behind until it is switched off"),
    BALANCE_PROJECTION_CORRUPT("balance-projection-corrupt", Kind.FAULT, false,
            "payment-service writes each credit event to its ledger but leaves the stored balance as it was: balances drift"
                    + " from the ledger until ./playground rebuild payment-service re-folds them"),
    ORDERS_KEYED_BY_CUSTOMER("orders-keyed-by-customer", Kind.ANTI_PATTERN, false,
            "order-service keys its order events by customer instead of by order: a busy customer's orders all land on"
                    + " one partition, read by one consumer thread in each group, while the others idle (a hot key)"),
    DISTRIBUTED_MONOLITH("distributed-monolith", Kind.ANTI_PATTERN, false,
            "Placing an order asks payment-service synchronously, inside the request, whether the customer's credit covers"
                    + " it: with payment-service down or slow no order can be placed, where the saga would have waited for it"),
    SHARED_DATABASE("shared-database", Kind.ANTI_PATTERN, false,
            "On PostgreSQL: an order's details read inventory-service's reservation table directly, with the database"
                    + " owner's account, instead of asking inventory-service: written against the table as it was, the read"
                    + " fails since inventory-service changed its schema (its API did not change)");

    /** Whether switching it on breaks something, or removes the safeguard against a failure. */
    enum Kind {
        FAULT("fault"), ANTI_PATTERN("anti-pattern");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String id;
    private final Kind kind;
    private final boolean everywhere;
    private final String effect;

    Switch(String id, Kind kind, boolean everywhere, String effect) {
        this.id = id;
        this.kind = kind;
        this.everywhere = everywhere;
        this.effect = effect;
    }

    /** Offered by every service with messaging, rather than by the one part that acts on it. */
    boolean everywhere() {
        return everywhere;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String effect() {
        return effect;
    }

    static java.util.Optional<Switch> byId(String id) {
        for (Switch s : values()) {
            if (s.id.equals(id)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
