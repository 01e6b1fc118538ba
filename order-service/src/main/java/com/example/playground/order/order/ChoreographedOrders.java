package com.example.playground.order.order;

import com.example.playground.contracts.Event;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Choreography, order-service's part: it ends its own choreographed orders from what the other
 * participants say happened. Out of stock: rejected. Paid: approved. Payment declined: rejected
 * once inventory confirms the stock is back (so nobody sees a rejected order still holding stock).
 * Orchestrated orders ignore these events; the orchestrator tells them how to end.
 */
@Service
public class ChoreographedOrders {

    private static final String CHOREOGRAPHY = "choreography";

    private final Orders orders;
    private final OrderRepository repository;

    ChoreographedOrders(Orders orders, OrderRepository repository) {
        this.orders = orders;
        this.repository = repository;
    }

    @Transactional
    public void on(Event event) {
        boolean pendingChoreography = orders.find(event.orderId())
                .filter(order -> order.status() == OrderStatus.PENDING)
                .filter(order -> CHOREOGRAPHY.equals(order.saga().toLowerCase(Locale.ROOT)))
                .isPresent();
        if (!pendingChoreography) {
            return;
        }
        if (event instanceof StockRejected rejected) {
            orders.reject(rejected.orderId(), rejected.reason());
        } else if (event instanceof PaymentAuthorized authorized) {
            orders.approve(authorized.orderId());
        } else if (event instanceof PaymentDeclined declined) {
            repository.noteRejectionReason(declined.orderId(), declined.reason());
        } else if (event instanceof StockReleased released) {
            String reason = repository.notedRejectionReason(released.orderId()).orElse("Stock released");
            orders.reject(released.orderId(), reason);
        }
    }
}
