package com.example.playground.payment.payment;

import com.example.playground.support.web.Identifier;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    /** The payments of one order with their status (an empty list when it has none yet). */
    @GetMapping("/api/payments")
    List<Payment> ofOrder(@RequestParam @Identifier String orderId) {
        return payments.ofOrder(orderId);
    }
}
