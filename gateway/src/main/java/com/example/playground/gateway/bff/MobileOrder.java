package com.example.playground.gateway.bff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * The mobile front end's order: what fits on a phone's order list, nothing more. {@code units} is the
 * number of items, not the lines; {@code stale} says the answer is the last one the mobile BFF saw,
 * given because order-service did not answer within the mobile front end's time limit
 * ({@code staleBecause} says so).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MobileOrder(String orderId, String status, BigDecimal total, int units, String updatedAt, boolean stale,
                   String staleBecause) {

    MobileOrder asStale(String because) {
        return new MobileOrder(orderId, status, total, units, updatedAt, true, because);
    }
}
