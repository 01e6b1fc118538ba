package com.example.playground.contracts;

/** Asks one participant to do something. Named in the imperative: {@code ReserveStockCommand}. */
public sealed interface Command extends Message permits
        ReserveStockCommand, ReleaseStockCommand,
        AuthorizePaymentCommand, RefundPaymentCommand,
        ApproveOrderCommand, RejectOrderCommand {
}
