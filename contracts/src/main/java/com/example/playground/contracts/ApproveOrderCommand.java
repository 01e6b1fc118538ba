package com.example.playground.contracts;

/** Mark the order APPROVED. */
public record ApproveOrderCommand(String orderId) implements Command {
}
