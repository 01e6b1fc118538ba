package com.example.playground.contracts;

import java.math.BigDecimal;

/** Authorise the order's total against the customer's credit. */
public record AuthorizePaymentCommand(String orderId, String customerId, BigDecimal amount) implements Command {
}
