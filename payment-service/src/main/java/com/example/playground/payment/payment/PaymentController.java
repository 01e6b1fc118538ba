package com.example.playground.payment.payment;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

    private final Payments payments;
    private final PaymentRepository repository;

    PaymentController(Payments payments, PaymentRepository repository) {
        this.payments = payments;
        this.repository = repository;
    }

    record CustomerCredit(String customerId, BigDecimal credit) {
    }

    /** What a customer can still spend with the simulated payment provider. */
    @GetMapping("/api/payments/customers/{customerId}")
    CustomerCredit credit(@PathVariable @Identifier String customerId) {
        return repository.creditOf(customerId).map(credit -> new CustomerCredit(customerId, credit))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                        "There is no customer '" + customerId + "'"));
    }

    /** The payments of one order with their status (an empty list when it has none yet). */
    @GetMapping("/api/payments")
    List<Payment> ofOrder(@RequestParam @Identifier String orderId) {
        return payments.ofOrder(orderId);
    }
}
