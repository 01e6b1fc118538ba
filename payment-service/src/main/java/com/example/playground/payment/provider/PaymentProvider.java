package com.example.playground.payment.provider;

import java.math.BigDecimal;

/**
 * payment-service's client of the payment provider. Two ways to make the call resilient, one
 * chosen at start ({@link ProviderConfiguration}): in code, with a timeout, a retry and a breaker of
 * Resilience4j ({@link InCodeResilience}, the default), or in a sidecar proxy beside the service
 * that does all of it, the service keeping none ({@link ThroughSidecar},
 * docs/patterns/sidecar.md).
 */
public interface PaymentProvider {

    /** The name of the dependency: its fault target, its breaker and retry in application.yml. */
    String NAME = "payment-provider";

    /** The provider's authorisation id for this order's amount; {@link ProviderUnavailable} if it cannot be had. */
    String authorize(String orderId, BigDecimal amount);

    /** The provider could not authorise: after the retries, or at once while a breaker is open. */
    class ProviderUnavailable extends RuntimeException {

        ProviderUnavailable(String message) {
            super(message);
        }
    }
}
