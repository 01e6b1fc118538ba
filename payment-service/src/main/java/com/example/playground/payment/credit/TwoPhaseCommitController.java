package com.example.playground.payment.credit;

import com.example.playground.support.twophase.PreparedTransactions;
import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * payment-service as a participant of two-phase commit (docs/patterns/two-phase-commit.md), called by
 * order-service, the coordinator: the order's amount taken from the customer's credit (an AUTHORIZED
 * event on the ledger and the balance folded) in a transaction that is prepared, not committed, so
 * the account's row stays locked until the coordinator decides. The payment provider takes no part:
 * it cannot prepare, which is one reason sagas exist. Under {@code /internal/}: the gateway routes none of it.
 */
@RestController
class TwoPhaseCommitController {

    private final CreditLedger ledger;
    private final PreparedTransactions prepared;

    TwoPhaseCommitController(CreditLedger ledger, PreparedTransactions prepared) {
        this.ledger = ledger;
        this.prepared = prepared;
    }

    record PrepareCharge(@NotNull @Identifier String customerId, @NotNull @Positive BigDecimal amount) {
    }

    record Ended(boolean ended) {
    }

    /** The orders whose charges are prepared now, for the coordinator's recovery. */
    @GetMapping("/internal/two-phase-commit/charges")
    List<String> prepared() {
        return prepared.ids();
    }

    /** Phase one: 200 when prepared (a yes vote), 409 with the reason otherwise, nothing prepared. */
    @PostMapping("/internal/two-phase-commit/charges/{orderId}")
    void prepare(@PathVariable @Identifier String orderId, @Valid @RequestBody PrepareCharge charge) {
        prepared.prepare(orderId, () -> {
            if (!ledger.authorize(charge.customerId(), orderId, null, charge.amount())) {
                throw new ProblemException(HttpStatus.CONFLICT, "insufficient-credit", "Insufficient credit",
                        "%s's credit does not cover %s (or there is no such account)".formatted(charge.customerId(),
                                charge.amount().toPlainString()));
            }
        });
    }

    @PostMapping("/internal/two-phase-commit/charges/{orderId}/commit")
    Ended commit(@PathVariable @Identifier String orderId) {
        return new Ended(prepared.commit(orderId));
    }

    @PostMapping("/internal/two-phase-commit/charges/{orderId}/rollback")
    Ended rollback(@PathVariable @Identifier String orderId) {
        return new Ended(prepared.rollback(orderId));
    }
}
