package com.example.playground.inventory.stock;

import com.example.playground.contracts.OrderLine;
import com.example.playground.support.web.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * inventory-service as a participant of two-phase commit, called by order-service, the coordinator.
 * Under {@code /internal/}: the gateway routes none of it, only services call it.
 */
@RestController
class TwoPhaseCommitController {

    private final Reservations reservations;

    TwoPhaseCommitController(Reservations reservations) {
        this.reservations = reservations;
    }

    record PrepareReservation(@NotEmpty List<@Valid @NotNull OrderLine> items) {
    }

    record Ended(boolean ended) {
    }

    /** The orders whose reservations are prepared now, for the coordinator's recovery. */
    @GetMapping("/internal/two-phase-commit/reservations")
    List<String> prepared() {
        return reservations.prepared();
    }

    /** Phase one: 200 when prepared (a yes vote), 409 with the reason otherwise. */
    @PostMapping("/internal/two-phase-commit/reservations/{orderId}")
    void prepare(@PathVariable @Identifier String orderId, @Valid @RequestBody PrepareReservation request) {
        reservations.prepare(orderId, request.items());
    }

    @PostMapping("/internal/two-phase-commit/reservations/{orderId}/commit")
    Ended commit(@PathVariable @Identifier String orderId) {
        return new Ended(reservations.end(orderId, true));
    }

    @PostMapping("/internal/two-phase-commit/reservations/{orderId}/rollback")
    Ended rollback(@PathVariable @Identifier String orderId) {
        return new Ended(reservations.end(orderId, false));
    }
}
