package com.example.playground.contracts;

/** The order's saga succeeded: stock reserved and payment authorised. */
public record OrderApproved(String orderId) implements Event {
}
