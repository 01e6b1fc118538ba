package com.example.playground.order.monolith;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import com.example.playground.support.web.ProblemException;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The distributed monolith, as a switch. With {@code distributed-monolith} on, placing an order asks
 * payment-service, synchronously and inside the request, whether the customer's credit covers the
 * total, and refuses the order when it does not, or when payment-service cannot answer. Placing an
 * order then needs payment-service up and quick, as in a monolith cut along its method calls: the
 * services are apart, their availability is not. Switched off (the playground's design), the order is
 * accepted and the saga asks payment-service over Kafka, whenever it is there to answer.
 *
 * <p>Only the HTTP client's timeouts guard the call (connect 500 ms, read 1 s), no retry and no
 * breaker: those would make the refusal faster or rarer, not the coupling go away.
 */
public class SynchronousCreditCheck {

    static final String PAYMENT = "payment-service";

    private final RestClient payments;
    private final Faults faults;

    SynchronousCreditCheck(RestClient payments, Faults faults) {
        this.payments = payments;
        this.faults = faults;
        faults.offer(Switch.DISTRIBUTED_MONOLITH);
    }

    record CustomerCredit(String customerId, BigDecimal credit) {
    }

    /** With the switch on, refuses (nothing stored yet) an order the customer's credit does not cover. */
    public void check(String customerId, BigDecimal total) {
        if (!faults.isOn(Switch.DISTRIBUTED_MONOLITH)) {
            return;
        }
        CustomerCredit credit;
        try {
            credit = payments.get().uri("/api/payments/customers/{id}", customerId).retrieve().body(CustomerCredit.class);
        } catch (HttpClientErrorException.NotFound e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer", "Unknown customer",
                    "payment-service has no account for '" + customerId + "'");
        } catch (HttpStatusCodeException e) {
            throw unavailable(customerId, "it answered HTTP " + e.getStatusCode().value());
        } catch (RestClientException | IllegalStateException e) {
            // IllegalStateException: the load balancer found no instance of payment-service at all.
            throw unavailable(customerId, e.getClass().getSimpleName());
        }
        if (credit == null || credit.credit() == null) {
            throw unavailable(customerId, "its answer held no credit");
        }
        if (credit.credit().compareTo(total) < 0) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-credit", "Insufficient credit",
                    "%s's credit (%s) does not cover the order's total (%s)".formatted(customerId, credit.credit(), total));
        }
    }

    /** payment-service could not say: not the customer's fault, so a 503, and nothing was stored. */
    private static ProblemException unavailable(String customerId, String why) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                "A service this request needs is unavailable",
                PAYMENT + " could not be asked about " + customerId + "'s credit (" + why
                        + "), and with distributed-monolith on an order waits for its answer; nothing was stored, try again");
    }
}
