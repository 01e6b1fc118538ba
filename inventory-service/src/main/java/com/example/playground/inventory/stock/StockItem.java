package com.example.playground.inventory.stock;

import java.math.BigDecimal;

/** A SKU's price, how many can still be reserved, and how many are reserved for orders. */
record StockItem(String sku, BigDecimal price, int available, int reserved) {
}
