package com.example.playground.monolith.order;

import com.example.playground.monolith.web.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/monolith/orders}: order-service's, without {@code saga} (there is
 * none). Read strictly (web/StrictJson): a quantity of 1.5 or "2", or a property not named here, is
 * a 400 {@code malformed-request}; ids must be {@link Identifier}s, at most 50 lines of 1 to 100,000.
 */
record PlaceOrderRequest(
        @NotNull @Identifier String customerId,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items) {

    record Item(@NotNull @Identifier String sku, @NotNull @Positive @Max(100_000) Integer quantity) {
    }
}
