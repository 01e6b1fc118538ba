package com.example.playground.support.switches;

/**
 * A runtime switch on a service's management port. Faults break something on purpose; anti-patterns
 * turn a safeguard off, so the failure it prevents becomes visible. All are off at start.
 */
public enum Switch {

    OUTBOX_RELAY_PAUSED("outbox-relay-paused", "fault",
            "The outbox relay stops publishing: committed messages wait in the outbox table"),
    PUBLISH_WITHOUT_OUTBOX("publish-without-outbox", "anti-pattern",
            "Messages go straight to Kafka once the transaction commits, with nothing stored: a crash or a broker outage then loses them"),
    CONSUME_WITHOUT_IDEMPOTENCY("consume-without-idempotency", "anti-pattern",
            "Listeners handle every delivery, even one they have handled before");

    private final String id;
    private final String kind;
    private final String effect;

    Switch(String id, String kind, String effect) {
        this.id = id;
        this.kind = kind;
        this.effect = effect;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String effect() {
        return effect;
    }

    public static Switch byId(String id) {
        for (Switch s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No switch '" + id + "'");
    }
}
