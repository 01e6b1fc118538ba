package com.example.playground.order.order;

import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Choreography, order-service's part: it ends its own choreographed orders from what the other
 * participants say happened. Out of stock: rejected. Paid: approved. Payment declined: rejected
 * once inventory confirms the stock is back (so nobody sees a rejected order still holding stock).
 * Orchestrated orders ignore these events; the orchestrator tells them how to end.
 */
@Service
class ChoreographedOrders {

    private final Orders orders;
    private final OrderRepository repository;

    ChoreographedOrders(Orders orders, OrderRepository repository) {
        this.orders = orders;
        this.repository = repository;
    }

    @Transactional
    public void stockRejected(StockRejected rejected) {
        if (pendingChoreography(rejected.orderId())) {
            orders.reject(rejected.orderId(), rejected.reason());
        }
    }

    @Transactional
    public void paymentAuthorized(PaymentAuthorized authorized) {
        if (pendingChoreography(authorized.orderId())) {
            orders.approve(authorized.orderId());
        }
    }

    /** Not rejected yet: its stock is still held. The reason is kept for when inventory has released it. */
    @Transactional
    public void paymentDeclined(PaymentDeclined declined) {
        if (pendingChoreography(declined.orderId())) {
            repository.noteRejectionReason(declined.orderId(), declined.reason());
        }
    }

    @Transactional
    public void stockReleased(StockReleased released) {
        if (pendingChoreography(released.orderId())) {
            String reason = repository.notedRejectionReason(released.orderId()).orElse("Stock released");
            orders.reject(released.orderId(), reason);
        }
    }

    private boolean pendingChoreography(String orderId) {
        return repository.isPending(orderId, SagaStyle.CHOREOGRAPHY);
    }
}
