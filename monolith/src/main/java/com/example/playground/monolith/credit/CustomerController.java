package com.example.playground.monolith.credit;

import com.example.playground.monolith.web.Identifier;
import com.example.playground.monolith.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's credit: how a client (or a scenario) sees what an order spent. */
@RestController
class CustomerController {

    private final Credit credit;

    CustomerController(Credit credit) {
        this.credit = credit;
    }

    @GetMapping("/api/monolith/customers/{customerId}")
    Credit.Customer customer(@PathVariable @Identifier String customerId) {
        return credit.find(customerId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "unknown-customer", "Customer not found", "There is no customer '" + customerId + "'"));
    }
}
