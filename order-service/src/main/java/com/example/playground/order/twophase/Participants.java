package com.example.playground.order.twophase;

import com.example.playground.contracts.OrderLine;
import java.math.BigDecimal;
import java.util.List;
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

    private final RestClient inventory;
    private final RestClient payment;

    Participants(RestClient inventory, RestClient payment) {
        this.inventory = inventory;
        this.payment = payment;
    }

    record Reservation(List<OrderLine> items) {
    }

    record Charge(String customerId, BigDecimal amount) {
    }

    record Problem(String detail) {
    }

    /** Null when the participant prepared (voted yes); otherwise why not: its refusal, or that it could not be asked. */
    String prepareStock(String orderId, List<OrderLine> items) {
        return vote("inventory-service", () -> inventory.post().uri(PREFIX + "reservations/{orderId}", orderId)
                .body(new Reservation(items)).retrieve().toBodilessEntity());
    }

    String prepareCharge(String orderId, String customerId, BigDecimal amount) {
        return vote("payment-service", () -> payment.post().uri(PREFIX + "charges/{orderId}", orderId)
                .body(new Charge(customerId, amount)).retrieve().toBodilessEntity());
    }

    /** Tells a participant the outcome: it commits or rolls back its prepared transaction, or finds none (told before). */
    void tell(String participant, String orderId, boolean commit) {
        RestClient client = participant.equals("inventory-service") ? inventory : payment;
        String what = participant.equals("inventory-service") ? "reservations" : "charges";
        client.post().uri(PREFIX + what + "/{orderId}/" + (commit ? "commit" : "rollback"), orderId).retrieve()
                .toBodilessEntity();
    }

    /** The order ids of the transactions a participant holds prepared now. */
    List<String> prepared(String participant) {
        RestClient client = participant.equals("inventory-service") ? inventory : payment;
        String what = participant.equals("inventory-service") ? "reservations" : "charges";
        String[] ids = client.get().uri(PREFIX + what).retrieve().body(String[].class);
        return ids == null ? List.of() : List.of(ids);
    }

    private static final String PREFIX = "/internal/two-phase-commit/";

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
