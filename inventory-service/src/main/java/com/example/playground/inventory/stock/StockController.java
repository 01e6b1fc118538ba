package com.example.playground.inventory.stock;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StockController {

    private final StockRepository stock;

    StockController(StockRepository stock) {
        this.stock = stock;
    }

    /** The stock an order holds or held, line by line: one half of an order's details (API composition). */
    @GetMapping("/api/inventory/reservations")
    List<ReservationView> reservationsOf(@RequestParam @Identifier String orderId) {
        return stock.reservationsOf(orderId).stream()
                .map(r -> new ReservationView(r.sku(), r.quantity(), r.status()))
                .toList();
    }

    record ReservationView(String sku, int quantity, String status) {
    }

    @GetMapping("/api/inventory/{sku}")
    StockItem stockOf(@PathVariable @Identifier String sku) {
        return stock.find(sku).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-sku",
                "Unknown SKU", "There is no SKU '" + sku + "'"));
    }
}
