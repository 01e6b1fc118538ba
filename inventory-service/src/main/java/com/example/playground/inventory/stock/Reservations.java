package com.example.playground.inventory.stock;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import com.example.playground.contracts.OrderRejected;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.SagaStyle;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.support.messaging.Outbox;
import com.example.playground.support.twophase.PreparedTransactions;
import com.example.playground.support.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves an order's stock all or nothing, and releases it again, when the orchestrator asks
 * (commands) or on its own when it hears what happened (choreography events). Both are safe to
 * repeat: a second reserve for the same order answers as the first did, a second release changes nothing.
 */
@Service
class Reservations {

    private final StockRepository stock;
    private final Outbox outbox;
    private final PreparedTransactions prepared;

    Reservations(StockRepository stock, Outbox outbox, PreparedTransactions prepared) {
        this.stock = stock;
        this.outbox = outbox;
        this.prepared = prepared;
    }

    /**
     * Two-phase commit, phase one (docs/patterns/two-phase-commit.md): reserves the order's stock in
     * a transaction that is prepared, not committed, so its rows stay locked until the coordinator
     * says commit or roll back. A shortage is a "no" vote (a 409 problem), with nothing prepared.
     * No event: the coordinator already knows the outcome, and nobody else is waiting for it.
     */
    void prepare(String orderId, List<OrderLine> items) {
        prepared.prepare(orderId, () -> {
            if (!stock.reservationsOf(orderId).isEmpty()) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-reserved", "Already reserved",
                        "Order " + orderId + " holds stock already");
            }
            Optional<String> shortage = shortageIn(items);
            // Rows locked in one order (by SKU) by every prepare: two orders for the same SKUs never wait for each other.
            List<OrderLine> bySku = items.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
            if (shortage.isPresent() || !bySku.stream().allMatch(line -> stock.reserve(line.sku(), line.quantity()))) {
                throw new ProblemException(HttpStatus.CONFLICT, "out-of-stock", "Out of stock",
                        shortage.orElse("The stock changed while reserving"));
            }
            items.forEach(line -> stock.saveReservation(
                    new Reservation(orderId, line.sku(), line.quantity(), Reservation.RESERVED, SagaStyle.TWO_PHASE_COMMIT)));
        });
    }

    List<String> prepared() {
        return prepared.ids();
    }

    /** Phase two: the coordinator's decision. False when there was nothing prepared for the order (told before, or never prepared). */
    boolean end(String orderId, boolean commit) {
        return commit ? prepared.commit(orderId) : prepared.rollback(orderId);
    }

    /** Orchestration: the saga-orchestrator asks. */
    @Transactional
    public void reserve(ReserveStockCommand command) {
        reserve(command.orderId(), command.items(), SagaStyle.ORCHESTRATION);
    }

    /**
     * Choreography: an order was placed, so inventory reserves on its own. Orchestrated orders wait
     * for the orchestrator's command.
     */
    @Transactional
    public void reserve(OrderPlaced placed) {
        if (placed.saga() == SagaStyle.CHOREOGRAPHY) {
            reserve(placed.orderId(), placed.items(), SagaStyle.CHOREOGRAPHY);
        }
    }

    /** Orchestration: the saga-orchestrator asks for the compensation. */
    @Transactional
    public void release(ReleaseStockCommand command) {
        release(command.orderId());
    }

    /** Choreography: a declined payment means this order's stock goes back. Orchestrated orders wait for their command. */
    @Transactional
    public void release(PaymentDeclined declined) {
        releaseIfChoreographedAndHeld(declined.orderId());
    }

    /** Choreography: a rejected order (timed out, say) must not keep stock. Nothing happens if none is held. */
    @Transactional
    public void release(OrderRejected rejected) {
        releaseIfChoreographedAndHeld(rejected.orderId());
    }

    private void releaseIfChoreographedAndHeld(String orderId) {
        boolean held = stock.reservationsOf(orderId).stream()
                .anyMatch(reservation -> reservation.sagaStyle() == SagaStyle.CHOREOGRAPHY && reservation.isReserved());
        if (held) {
            release(orderId);
        }
    }

    private void reserve(String orderId, List<OrderLine> items, SagaStyle saga) {
        if (!stock.reservationsOf(orderId).isEmpty()) {
            outbox.publish(new StockReserved(orderId));
            return;
        }
        Optional<String> shortage = shortageIn(items);
        if (shortage.isPresent()) {
            outbox.publish(new StockRejected(orderId, shortage.get()));
            return;
        }
        for (OrderLine line : items) {
            if (!stock.reserve(line.sku(), line.quantity())) {
                // Someone took the stock since we looked: undo this transaction's reservations.
                throw new IllegalStateException("Stock of " + line.sku() + " changed while reserving " + orderId);
            }
            stock.saveReservation(new Reservation(orderId, line.sku(), line.quantity(), Reservation.RESERVED, saga));
        }
        outbox.publish(new StockReserved(orderId));
    }

    private void release(String orderId) {
        List<Reservation> held = stock.reservationsOf(orderId).stream().filter(Reservation::isReserved).toList();
        held.forEach(reservation -> stock.release(reservation.sku(), reservation.quantity()));
        stock.markReleased(orderId);
        outbox.publish(new StockReleased(orderId));
    }

    private Optional<String> shortageIn(List<OrderLine> lines) {
        for (OrderLine line : lines) {
            Optional<StockItem> item = stock.find(line.sku());
            if (item.isEmpty()) {
                return Optional.of("Unknown SKU " + line.sku());
            }
            if (item.get().available() < line.quantity()) {
                return Optional.of("Out of stock: %s has %d available, %d requested"
                        .formatted(line.sku(), item.get().available(), line.quantity()));
            }
        }
        return Optional.empty();
    }
}
