package com.example.playground.contracts;

/**
 * Anything that travels over Kafka. Every message belongs to one order, and the order id is the
 * record key, so all messages of one order land on one partition, in order.
 */
public sealed interface Message permits Command, Event {

    String orderId();
}
