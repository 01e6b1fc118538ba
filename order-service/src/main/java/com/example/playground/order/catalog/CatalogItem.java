package com.example.playground.order.catalog;

import java.math.BigDecimal;

/** What order-service needs to know of a SKU: that it exists, and its price. */
public record CatalogItem(String sku, BigDecimal price) {
}
