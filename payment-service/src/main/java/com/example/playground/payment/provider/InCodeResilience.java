package com.example.playground.payment.provider;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.client.RestClient;

/**
 * The provider called with its resilience in code: a read timeout (the HTTP client's), a retry
 * (safe: the provider is idempotent by order id) and a circuit breaker inside it, all named
 * {@code payment-provider} in application.yml. When it gives up, the payment is declined with the
 * reason, so the saga compensates at once instead of waiting for its deadline.
 */
class InCodeResilience implements PaymentProvider {

    private final RestClient provider;

    InCodeResilience(RestClient provider) {
        this.provider = provider;
    }

    @Override
    @Retry(name = NAME, fallbackMethod = "unavailable")
    @CircuitBreaker(name = NAME)
    public String authorize(String orderId, BigDecimal amount) {
        Map<?, ?> answer = provider.post().uri("/authorizations")
                .body(Map.of("reference", orderId, "amount", amount.toPlainString()))
                .retrieve()
                .body(Map.class);
        return String.valueOf(answer.get("authorizationId"));
    }

    String unavailable(String orderId, BigDecimal amount, Throwable failure) {
        throw new ProviderUnavailable(failure instanceof CallNotPermittedException
                ? "payment provider unavailable: its circuit breaker is open"
                : "payment provider unavailable: " + failure.getClass().getSimpleName());
    }
}
