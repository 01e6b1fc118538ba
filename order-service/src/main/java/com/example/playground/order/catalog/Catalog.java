package com.example.playground.order.catalog;

import com.example.playground.support.web.ProblemException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Looks SKUs and prices up in inventory-service, synchronously, through the load balancer
 * ({@code http://inventory-service} is resolved by Eureka, not DNS).
 */
public class Catalog {

    private final RestClient inventory;

    public Catalog(RestClient inventory) {
        this.inventory = inventory;
    }

    /** The SKU's catalog entry, or empty if inventory does not know it. */
    public Optional<CatalogItem> find(String sku) {
        try {
            return Optional.ofNullable(inventory.get().uri("/api/inventory/{sku}", sku)
                    .retrieve()
                    .body(CatalogItem.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RestClientException | IllegalStateException e) {
            // IllegalStateException: the load balancer has no instance of inventory-service.
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                    "A service this request needs is unavailable",
                    "inventory-service could not be asked about '" + sku + "'; nothing was stored, try again");
        }
    }
}
