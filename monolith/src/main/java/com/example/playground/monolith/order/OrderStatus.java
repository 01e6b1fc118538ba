package com.example.playground.monolith.order;

/** No PENDING: an order is decided before the request that placed it is answered. */
enum OrderStatus {
    APPROVED,
    REJECTED
}
