package com.example.playground.contracts;

/**
 * Anything that travels over Kafka. Every message belongs to one order, and the order id is the
 * record key, so all messages of one order land on one partition, in order. (order-service's
 * {@code orders-keyed-by-customer} switch keys its events by customer instead, to show a hot key.)
 */
public sealed interface Message permits Command, Event {

    String orderId();
}
