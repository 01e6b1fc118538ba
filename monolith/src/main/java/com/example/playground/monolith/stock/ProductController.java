package com.example.playground.monolith.stock;

import com.example.playground.monolith.web.Identifier;
import com.example.playground.monolith.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A product's price and stock: how a client (or a scenario) sees what an order took. */
@RestController
class ProductController {

    private final Stock stock;

    ProductController(Stock stock) {
        this.stock = stock;
    }

    @GetMapping("/api/monolith/products/{sku}")
    Stock.Product product(@PathVariable @Identifier String sku) {
        return stock.find(sku).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-sku",
                "Product not found", "There is no product '" + sku + "'"));
    }
}
