package com.example.playground.payment.credit;

import com.example.playground.support.web.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * payment-service as a participant of two-phase commit ({@link PreparedCharges}), called by
 * order-service, the coordinator. Under {@code /internal/}: the gateway routes none of it.
 */
@RestController
class TwoPhaseCommitController {

    private final PreparedCharges charges;

    TwoPhaseCommitController(PreparedCharges charges) {
        this.charges = charges;
    }

    record PrepareCharge(@NotNull @Identifier String customerId, @NotNull @Positive BigDecimal amount) {
    }

    record Ended(boolean ended) {
    }

    /** The orders whose charges are prepared now, for the coordinator's recovery. */
    @GetMapping("/internal/two-phase-commit/charges")
    List<String> prepared() {
        return charges.prepared();
    }

    /** Phase one: 200 when prepared (a yes vote), 409 with the reason otherwise, nothing prepared. */
    @PostMapping("/internal/two-phase-commit/charges/{orderId}")
    void prepare(@PathVariable @Identifier String orderId, @Valid @RequestBody PrepareCharge charge) {
        charges.prepare(orderId, charge.customerId(), charge.amount());
    }

    @PostMapping("/internal/two-phase-commit/charges/{orderId}/commit")
    Ended commit(@PathVariable @Identifier String orderId) {
        return new Ended(charges.end(orderId, true));
    }

    @PostMapping("/internal/two-phase-commit/charges/{orderId}/rollback")
    Ended rollback(@PathVariable @Identifier String orderId) {
        return new Ended(charges.end(orderId, false));
    }
}
