package com.example.playground.contracts;

/** Mark the order REJECTED, with the reason a customer would be told. */
public record RejectOrderCommand(String orderId, String reason) implements Command {
}
