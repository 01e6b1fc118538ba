package com.example.playground.contracts;

import java.util.List;

/** Reserve every line of the order, all or nothing. */
public record ReserveStockCommand(String orderId, List<OrderLine> items) implements Command {
}
