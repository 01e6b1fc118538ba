package com.example.playground.order.order;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import org.springframework.stereotype.Component;

/**
 * The record key of order-service's events, which decides their partition of {@code orders.events}.
 * The order id spreads orders evenly and keeps each one's events in order. With the
 * {@code orders-keyed-by-customer} switch on it is the customer's id: each customer's orders stay in
 * order among themselves too, and one busy customer's orders all land on one partition (a hot key).
 * The key is chosen once, when an order is placed, and stored with it: an order's later events reuse
 * it, so they stay on one partition even if the switch is flipped while the order is in flight.
 */
@Component
class EventKeys {

    private final Faults faults;

    EventKeys(Faults faults) {
        this.faults = faults;
        faults.offer(Switch.ORDERS_KEYED_BY_CUSTOMER);
    }

    String of(String orderId, String customerId) {
        return faults.isOn(Switch.ORDERS_KEYED_BY_CUSTOMER) ? customerId : orderId;
    }
}
