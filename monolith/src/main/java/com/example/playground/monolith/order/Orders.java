package com.example.playground.monolith.order;

import com.example.playground.monolith.credit.Credit;
import com.example.playground.monolith.stock.Stock;
import com.example.playground.monolith.web.ProblemException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order and decides it in one local transaction: stock, credit and the order itself
 * change together or not at all. This is the whole of what the services' saga spreads over four
 * processes, four databases, a broker and compensations.
 */
@Service
class Orders {

    private final OrderTables orders;
    private final Stock stock;
    private final Credit credit;
    private final TransactionTemplate transaction;

    Orders(OrderTables orders, Stock stock, Credit credit, TransactionTemplate transaction) {
        this.orders = orders;
        this.stock = stock;
        this.credit = credit;
        this.transaction = transaction;
    }

    /** What placing an order answers: its final status, at once. */
    record Placed(String orderId, OrderStatus status) {
    }

    Placed place(PlaceOrderRequest request) {
        List<PlaceOrderRequest.Item> items = inSkuOrder(request.items());
        return transaction.execute(status -> decide(request.customerId(), items));
    }

    Optional<OrderView> find(String orderId) {
        return orders.find(orderId);
    }

    /**
     * Runs inside the transaction. An unknown customer or SKU throws, which rolls back: nothing is
     * stored. Otherwise the order is stored, APPROVED with its stock and credit taken, or REJECTED
     * with nothing else changed.
     */
    private Placed decide(String customerId, List<PlaceOrderRequest.Item> items) {
        // Every order locks the customer's row first, then its products' rows in SKU order: two orders
        // that need the same rows wait for each other in turn, never in a circle (a deadlock).
        BigDecimal available = credit.lock(customerId).orElseThrow(() -> new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer", "Unknown customer",
                "There is no customer '" + customerId + "'"));
        List<OrderLine> lines = new ArrayList<>();
        List<String> outOfStock = new ArrayList<>();
        for (PlaceOrderRequest.Item item : items) {
            Stock.Product product = stock.lock(item.sku()).orElseThrow(() -> new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU", "There is no SKU '" + item.sku() + "'"));
            lines.add(new OrderLine(item.sku(), item.quantity(), product.price()));
            if (product.available() < item.quantity()) {
                outOfStock.add(item.sku());
            }
        }
        BigDecimal total = lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        String rejection = !outOfStock.isEmpty() ? "out of stock: " + String.join(", ", outOfStock)
                : available.compareTo(total) < 0 ? "insufficient credit"
                : null;
        if (rejection == null) {
            lines.forEach(line -> stock.take(line.sku(), line.quantity()));
            credit.charge(customerId, total);
        }
        OrderStatus status = rejection == null ? OrderStatus.APPROVED : OrderStatus.REJECTED;
        String orderId = UUID.randomUUID().toString();
        orders.insert(orderId, customerId, lines, total, status, rejection, OffsetDateTime.now());
        return new Placed(orderId, status);
    }

    /** The items sorted by SKU (the order their rows are locked in); a SKU twice is the client's mistake. */
    private static List<PlaceOrderRequest.Item> inSkuOrder(List<PlaceOrderRequest.Item> items) {
        Set<String> seen = new HashSet<>();
        for (PlaceOrderRequest.Item item : items) {
            if (!seen.add(item.sku())) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "duplicate-sku", "Duplicate SKU",
                        "SKU '" + item.sku() + "' appears more than once; put the whole quantity on one line");
            }
        }
        return items.stream().sorted(Comparator.comparing(PlaceOrderRequest.Item::sku)).toList();
    }
}
