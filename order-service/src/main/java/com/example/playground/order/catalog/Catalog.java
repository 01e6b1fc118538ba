package com.example.playground.order.catalog;

import com.example.playground.support.web.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Looks SKUs and prices up in inventory-service, synchronously, through the load balancer
 * ({@code http://inventory-service} is resolved by Eureka, not DNS). The call is guarded where it
 * hurts when inventory-service is slow or down, each guard named after the dependency and set in
 * application.yml: a read timeout (the HTTP client's), a retry with exponential backoff and jitter,
 * and a circuit breaker inside the retry, so every attempt counts and an open breaker is not retried.
 */
public class Catalog {

    static final String INVENTORY = "inventory-service";

    private final RestClient inventory;

    public Catalog(RestClient inventory) {
        this.inventory = inventory;
    }

    /** The SKU's catalog entry, or empty if inventory does not know it (a 404 is an answer, not a failure). */
    @Retry(name = INVENTORY, fallbackMethod = "unavailable")
    @CircuitBreaker(name = INVENTORY)
    public Optional<CatalogItem> find(String sku) {
        try {
            // A URI template: the SKU is encoded as one path segment ('/' becomes %2F, '?' %3F), so
            // whatever it holds it cannot change the path; and the API lets only Identifiers this far.
            return Optional.ofNullable(inventory.get().uri("/api/inventory/{sku}", sku)
                    .retrieve()
                    .body(CatalogItem.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    /** Every attempt failed, or the breaker is open: a clear 503, and the caller stores nothing. */
    Optional<CatalogItem> unavailable(String sku, Throwable failure) {
        String why = failure instanceof CallNotPermittedException
                ? "its circuit breaker is open after repeated failures, so it was not asked"
                : "it did not answer (" + failure.getClass().getSimpleName() + ")";
        throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                "A service this request needs is unavailable",
                "inventory-service could not be asked about '" + sku + "': " + why + "; nothing was stored, try again");
    }
}
