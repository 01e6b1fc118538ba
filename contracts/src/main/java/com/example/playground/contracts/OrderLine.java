package com.example.playground.contracts;

/** One line of an order: how many of which SKU. */
public record OrderLine(String sku, int quantity) {
}
