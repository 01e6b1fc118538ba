package com.example.playground.inventory.stock;

import com.example.playground.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StockController {

    private final StockRepository stock;

    StockController(StockRepository stock) {
        this.stock = stock;
    }

    @GetMapping("/api/inventory/{sku}")
    StockItem stockOf(@PathVariable String sku) {
        return stock.find(sku).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-sku",
                "Unknown SKU", "There is no SKU '" + sku + "'"));
    }
}
