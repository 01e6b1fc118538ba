package com.example.playground.saga.placeorder;

import com.example.playground.contracts.OrderLine;
import com.example.playground.contracts.OrderPlaced;
import java.math.BigDecimal;
import java.util.List;

/** What the place-order saga needs to know about its order, fixed when the saga starts. */
record PlaceOrderData(String orderId, String customerId, List<OrderLine> items, BigDecimal total) {

    static PlaceOrderData of(OrderPlaced placed) {
        return new PlaceOrderData(placed.orderId(), placed.customerId(), placed.items(), placed.total());
    }
}
