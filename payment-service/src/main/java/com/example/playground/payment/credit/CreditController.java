package com.example.playground.payment.credit;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers' credit: the balance, and the ledger it is folded from, as of now or any moment before. */
@RestController
class CreditController {

    private final CreditLedger ledger;

    CreditController(CreditLedger ledger) {
        this.ledger = ledger;
    }

    record CustomerCredit(String customerId, BigDecimal credit) {
    }

    /**
     * A ledger as of a moment: {@code balance} folded from every event up to then, the latest
     * {@code limit} of them with the balance each left, and (for now only) the stored balance, which
     * differs from {@code balance} only while the projection is corrupt.
     */
    record Ledger(String customerId, OffsetDateTime asOf, BigDecimal balance, BigDecimal storedBalance, long events,
            List<CreditLedger.Line> latest) {
    }

    /** What a customer can still spend with the simulated payment provider. */
    @GetMapping("/api/payments/customers/{customerId}")
    CustomerCredit credit(@PathVariable @Identifier String customerId) {
        return ledger.balanceOf(customerId).map(credit -> new CustomerCredit(customerId, credit))
                .orElseThrow(() -> unknown(customerId));
    }

    @GetMapping("/api/payments/customers/{customerId}/events")
    Ledger events(@PathVariable @Identifier String customerId, @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        OffsetDateTime moment = moment(asOf);
        CreditLedger.Statement statement = ledger.statement(customerId, moment, limit).orElseThrow(() -> unknown(customerId));
        BigDecimal stored = moment == null ? ledger.balanceOf(customerId).orElse(null) : null;
        return new Ledger(customerId, moment, statement.balance(), stored, statement.events(), statement.latest());
    }

    /** ISO 8601 with an offset, as every time this API writes; anything else is refused, not guessed at. */
    private static OffsetDateTime moment(String asOf) {
        if (asOf == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-parameter", "A request parameter is not valid",
                    "Parameter 'asOf' must be a time in ISO 8601 with its offset, e.g. 2026-12-01T10:15:30Z");
        }
    }

    private static ProblemException unknown(String customerId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                "There is no customer '" + customerId + "'");
    }
}
