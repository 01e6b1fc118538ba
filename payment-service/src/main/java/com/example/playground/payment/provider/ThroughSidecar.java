package com.example.playground.payment.provider;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The provider called through the sidecar proxy beside the service (HAProxy, started by the
 * supervisor with {@code up --with payment-sidecar}). No retry, no breaker, and only a backstop
 * timeout here: the sidecar times out, retries and stops calling a failing provider on its own.
 * What reaches this code is the sidecar's final word: an answer, or its refusal.
 */
class ThroughSidecar implements PaymentProvider {

    private final RestClient sidecar;

    ThroughSidecar(RestClient sidecar) {
        this.sidecar = sidecar;
    }

    @Override
    public String authorize(String orderId, BigDecimal amount) {
        try {
            Map<?, ?> answer = sidecar.post().uri("/authorizations")
                    .body(Map.of("reference", orderId, "amount", amount.toPlainString()))
                    .retrieve()
                    .body(Map.class);
            return String.valueOf(answer.get("authorizationId"));
        } catch (RestClientResponseException refused) {
            throw new ProviderUnavailable("payment provider unavailable: the sidecar answered "
                    + refused.getStatusCode().value());
        } catch (RestClientException failed) {
            throw new ProviderUnavailable("payment provider unavailable: " + failed.getClass().getSimpleName());
        }
    }
}
