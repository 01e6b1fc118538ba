package com.example.playground.contracts;

/** Says what has happened. Named in the past tense: {@code StockReserved}. */
public sealed interface Event extends Message permits
        OrderPlaced, OrderApproved, OrderRejected,
        StockReserved, StockRejected, StockReleased,
        PaymentAuthorized, PaymentDeclined, PaymentRefunded {
}
