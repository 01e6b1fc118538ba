package com.example.playground.order.order;

public enum OrderStatus {
    PENDING,
    APPROVED,
    REJECTED
}
