package com.example.playground.inventory.stock;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import com.example.playground.contracts.StockRejected;
import com.example.playground.contracts.StockReleased;
import com.example.playground.contracts.StockReserved;
import com.example.playground.support.messaging.Outbox;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves an order's stock all or nothing, and releases it again. Both are safe to repeat: a
 * second reserve for the same order answers as the first did, a second release changes nothing.
 */
@Service
public class Reservations {

    private final StockRepository stock;
    private final Outbox outbox;

    Reservations(StockRepository stock, Outbox outbox) {
        this.stock = stock;
        this.outbox = outbox;
    }

    @Transactional
    public void reserve(ReserveStockCommand command) {
        String orderId = command.orderId();
        if (!stock.reservationsOf(orderId).isEmpty()) {
            outbox.publish(new StockReserved(orderId));
            return;
        }
        Optional<String> shortage = shortageIn(command.items());
        if (shortage.isPresent()) {
            outbox.publish(new StockRejected(orderId, shortage.get()));
            return;
        }
        for (OrderLine line : command.items()) {
            if (!stock.reserve(line.sku(), line.quantity())) {
                // Someone took the stock since we looked: undo this transaction's reservations.
                throw new IllegalStateException("Stock of " + line.sku() + " changed while reserving " + orderId);
            }
            stock.saveReservation(new Reservation(orderId, line.sku(), line.quantity(), Reservation.RESERVED));
        }
        outbox.publish(new StockReserved(orderId));
    }

    @Transactional
    public void release(ReleaseStockCommand command) {
        List<Reservation> held = stock.reservationsOf(command.orderId()).stream().filter(Reservation::isReserved).toList();
        held.forEach(reservation -> stock.release(reservation.sku(), reservation.quantity()));
        stock.markReleased(command.orderId());
        outbox.publish(new StockReleased(command.orderId()));
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
