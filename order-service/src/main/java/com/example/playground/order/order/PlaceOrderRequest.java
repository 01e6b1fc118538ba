package com.example.playground.order.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/orders}. {@code saga} is optional: "orchestration" or "choreography". */
record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String customerId,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items,
        String saga) {

    record Item(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(100_000) Integer quantity) {
    }
}
