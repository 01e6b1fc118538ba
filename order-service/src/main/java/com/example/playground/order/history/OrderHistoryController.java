package com.example.playground.order.history;

import com.example.playground.support.web.Identifier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CQRS, the read side's API: a customer's orders as the history knows them, answered from the one
 * table, with no call to any other service. It may be behind the truth by the projection's lag
 * ({@code behind} and {@code lagSeconds} say by how much), never blocked by a service that is down.
 */
@RestController
class OrderHistoryController {

    private final OrderHistory history;
    private final ProjectionLag lag;
    private final OrderHistoryProjection projection;

    OrderHistoryController(OrderHistory history, ProjectionLag lag, OrderHistoryProjection projection) {
        this.history = history;
        this.lag = lag;
        this.projection = projection;
    }

    record CustomerHistory(String customerId, List<OrderHistory.Entry> orders, long behind, double lagSeconds,
            boolean paused) {
    }

    @GetMapping("/api/order-history")
    CustomerHistory history(@RequestParam @Identifier String customerId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return new CustomerHistory(customerId, history.ofCustomer(customerId, limit), lag.behind(), lag.lagSeconds(),
                projection.isPaused());
    }
}
