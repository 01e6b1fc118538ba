package com.example.playground.order.twophase;

import com.example.playground.contracts.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The two participants as the coordinator calls them: inventory-service (the order's stock) and
 * payment-service (the customer's credit), each on its {@code /internal/two-phase-commit/...} paths,
 * which the gateway does not route.
 */
class Participants {

    static final List<String> ALL = List.of("inventory-service", "payment-service");

    /** A participant as the coordinator reaches it: its client, and its part's path under /internal/two-phase-commit/. */
    private record Endpoint(RestClient client, String path) {
    }

    private final Map<String, Endpoint> endpoints;

    Participants(RestClient inventory, RestClient payment) {
        this.endpoints = Map.of(
                "inventory-service", new Endpoint(inventory, "/internal/two-phase-commit/reservations"),
                "payment-service", new Endpoint(payment, "/internal/two-phase-commit/charges"));
    }

    record Reservation(List<OrderLine> items) {
    }

    record Charge(String customerId, BigDecimal amount) {
    }

    record Problem(String detail) {
    }

    /** Null when the participant prepared (voted yes); otherwise why not: its refusal, or that it could not be asked. */
    String prepareStock(String orderId, List<OrderLine> items) {
        return prepare("inventory-service", orderId, new Reservation(items));
    }

    String prepareCharge(String orderId, String customerId, BigDecimal amount) {
        return prepare("payment-service", orderId, new Charge(customerId, amount));
    }

    /** Tells a participant the outcome: it commits or rolls back its prepared transaction, or finds none (told before). */
    void tell(String participant, String orderId, boolean commit) {
        Endpoint endpoint = endpoints.get(participant);
        endpoint.client().post().uri(endpoint.path() + "/{orderId}/" + (commit ? "commit" : "rollback"), orderId)
                .retrieve().toBodilessEntity();
    }

    /** The order ids of the transactions a participant holds prepared now. */
    List<String> prepared(String participant) {
        Endpoint endpoint = endpoints.get(participant);
        String[] ids = endpoint.client().get().uri(endpoint.path()).retrieve().body(String[].class);
        return ids == null ? List.of() : List.of(ids);
    }

    private String prepare(String participant, String orderId, Object part) {
        Endpoint endpoint = endpoints.get(participant);
        return vote(participant, () -> endpoint.client().post().uri(endpoint.path() + "/{orderId}", orderId).body(part)
                .retrieve().toBodilessEntity());
    }

    private static String vote(String participant, Runnable prepare) {
        try {
            prepare.run();
            return null;
        } catch (HttpClientErrorException.Conflict e) {
            Problem problem = e.getResponseBodyAs(Problem.class);
            return participant + " voted no: " + (problem == null ? e.getStatusText() : problem.detail());
        } catch (RestClientException | IllegalStateException e) {
            // IllegalStateException: the load balancer found no instance of it at all.
            return participant + " could not vote (" + e.getClass().getSimpleName() + ")";
        }
    }
}
