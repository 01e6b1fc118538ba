package com.example.playground.order.order;

enum OrderStatus {
    PENDING,
    APPROVED,
    REJECTED
}
