package com.example.playground.payment.payment;

import com.example.playground.contracts.AuthorizePaymentCommand;
import com.example.playground.contracts.PaymentAuthorized;
import com.example.playground.contracts.PaymentDeclined;
import com.example.playground.contracts.PaymentRefunded;
import com.example.playground.contracts.RefundPaymentCommand;
import com.example.playground.payment.credit.CreditLedger;
import com.example.playground.payment.payment.Payment.PaymentStatus;
import com.example.playground.payment.provider.PaymentProvider;
import com.example.playground.payment.provider.PaymentProvider.ProviderUnavailable;
import com.example.playground.support.messaging.Outbox;
import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorises an order's payment: against the customer's credit (its ledger, {@link CreditLedger}), then with the
 * payment provider (simulated, outside the system); refunds it when a saga compensates (our ledger only:
 * the simulated provider's authorisation simply lapses). An order has at most one payment: a repeated command answers
 * with the outcome of the first, so nothing is ever charged twice.
 */
@Service
class Payments {

    private final PaymentRepository payments;
    private final CreditLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final Faults faults;

    private final PaymentProvider provider;

    Payments(PaymentRepository payments, CreditLedger ledger, Outbox outbox, Clock clock, Faults faults,
            PaymentProvider provider) {
        this.payments = payments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
        this.faults = faults;
        this.provider = provider;
    }

    public List<Payment> ofOrder(String orderId) {
        return payments.findByOrder(orderId);
    }

    @Transactional
    public void authorize(AuthorizePaymentCommand command) {
        Optional<Payment> earlier = payments.findByOrder(command.orderId()).stream().findFirst();
        // The anti-pattern switch turns this guard off together with the inbox's: then a redelivery charges again.
        if (earlier.isPresent() && !faults.isOn(Switch.CONSUME_WITHOUT_IDEMPOTENCY)) {
            publishOutcome(earlier.get());
            return;
        }
        Payment payment = decide(command);
        payments.insert(payment);
        publishOutcome(payment);
    }

    @Transactional
    public void refund(RefundPaymentCommand command) {
        Optional<Payment> authorized = payments.findByOrder(command.orderId()).stream()
                .filter(payment -> payment.status() == PaymentStatus.AUTHORIZED)
                .findFirst();
        if (authorized.isEmpty()) {
            // Nothing was charged (declined, never authorised, or refunded already): nothing to give back.
            outbox.publish(new PaymentRefunded(command.orderId(), null, BigDecimal.ZERO));
            return;
        }
        Payment payment = authorized.get();
        ledger.refund(payment.customerId(), payment.orderId(), payment.paymentId(), payment.amount());
        payments.updateStatus(payment.paymentId(), PaymentStatus.REFUNDED, now());
        outbox.publish(new PaymentRefunded(command.orderId(), payment.paymentId(), payment.amount()));
    }

    private Payment decide(AuthorizePaymentCommand command) {
        String paymentId = UUID.randomUUID().toString();
        String customerId = command.customerId();
        BigDecimal amount = command.amount();
        Optional<BigDecimal> credit = ledger.balanceOf(customerId);
        String declined = null;
        if (credit.isEmpty()) {
            declined = "Payment declined: unknown customer " + customerId;
        } else if (amount == null || amount.signum() <= 0) {
            declined = "Payment declined: amount must be positive";
        } else if (credit.get().compareTo(amount) < 0) {
            declined = insufficient(credit.get(), amount);
        } else {
            declined = authorizeWithProvider(command.orderId(), amount);
            if (declined == null && !ledger.authorize(customerId, command.orderId(), paymentId, amount)) {
                declined = insufficient(credit.get(), amount); // spent meanwhile by another order
            }
        }
        var status = declined == null ? PaymentStatus.AUTHORIZED : PaymentStatus.DECLINED;
        return new Payment(paymentId, command.orderId(), customerId, amount, status, declined, now(), now());
    }

    /** Null when the provider authorised; the reason to decline when it could not be reached. */
    private String authorizeWithProvider(String orderId, BigDecimal amount) {
        try {
            provider.authorize(orderId, amount);
            return null;
        } catch (ProviderUnavailable e) {
            return "Payment declined: " + e.getMessage();
        }
    }

    private static String insufficient(BigDecimal credit, BigDecimal amount) {
        return "Payment declined: insufficient credit (%s available, %s requested)"
                .formatted(credit.toPlainString(), amount.toPlainString());
    }

    private void publishOutcome(Payment payment) {
        switch (payment.status()) {
            case AUTHORIZED -> outbox.publish(new PaymentAuthorized(payment.orderId(), payment.paymentId(),
                    payment.amount()));
            case DECLINED -> outbox.publish(new PaymentDeclined(payment.orderId(), payment.reason()));
            case REFUNDED -> outbox.publish(new PaymentRefunded(payment.orderId(), payment.paymentId(),
                    payment.amount()));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
