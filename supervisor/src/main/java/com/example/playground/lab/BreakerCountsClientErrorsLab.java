package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import java.util.List;
import java.util.Optional;

/**
 * Planted bug, in code: order-service's call to inventory-service treats inventory's 404 ("no such
 * SKU") as a failure, so a few orders for unknown SKUs open the circuit breaker and good orders are
 * refused while every service is healthy.
 */
final class BreakerCountsClientErrorsLab implements Lab {

    private static final String UNKNOWN = "unicorn";

    @Override
    public About about() {
        return new About("breaker-counts-client-errors", "The breaker that opens on healthy services",
                Level.INTERMEDIATE, 25);
    }

    @Override
    public String goal() {
        return "Orders for an unknown SKU must be answered 4xx and leave order-service's breaker to inventory-service"
                + " CLOSED, so good orders keep being placed. Today a few bad orders shut the shop. Find why, fix the code.";
    }

    @Override
    public String firstStep() {
        return "Place an order for sku 'unicorn' three times, then one for 'pen' (see the page), and watch"
                + " './playground status' and order-service's breaker on the control room.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Every service is healthy. So what does the breaker count as a failure? Ask order-service's management"
                        + " port: /actuator/circuitbreakerevents/inventory-service shows each call it recorded and why.",
                "The events say HttpClientErrorException$NotFound. A 404 from inventory-service is an answer (\"no such"
                        + " SKU\"), not a sign that inventory-service is unwell.",
                "Look at order-service's Catalog.find: what happens to a 404 there before the @Retry and"
                        + " @CircuitBreaker around it see it?",
                "Catch HttpClientErrorException.NotFound inside find() and return Optional.empty(); then"
                        + " './playground restart order-service' rebuilds and restarts it.");
    }

    @Override
    public String solution() {
        return """
                order-service's Catalog.find lets inventory-service's 404 escape as HttpClientErrorException.NotFound.
                Resilience4j's @CircuitBreaker records every exception as a failure unless told otherwise, and @Retry
                tries it three times: one order for an unknown SKU counts as three failures, two open the breaker.
                The fix is in the code: a 404 is an answer, so find() catches HttpClientErrorException.NotFound and
                returns Optional.empty() (the order is refused with 422 unknown-sku, the breaker sees a success).
                Configuration can say the same (ignore-exceptions on the breaker and the retry), but the code knows
                best which answers are normal. Rebuild and restart: ./playground restart order-service""";
    }

    @Override
    public Optional<CodePlant> plant() {
        return Optional.of(new CodePlant("order-service",
                "order-service/src/main/java/com/example/playground/order/catalog/Catalog.java",
                "} catch (HttpClientErrorException.NotFound e) {",
                "} catch (HttpClientErrorException.Conflict e) {"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        // Judge the code as it is now, not what an earlier run left in the breaker's window.
        p.management().closeBreaker("order-service", "inventory-service");
        int clientErrors = 0;
        int unavailable = 0;
        for (int i = 0; i < 4; i++) {
            Http.Answer answer = p.post("/api/orders",
                    "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"" + UNKNOWN + "\",\"quantity\":1}]}");
            clientErrors += answer.status() >= 400 && answer.status() < 500 ? 1 : 0;
            unavailable += answer.status() == 503 ? 1 : 0;
        }
        verdict.expect(clientErrors == 4,
                "4 orders for the unknown SKU '" + UNKNOWN + "' were refused with a 4xx problem",
                "orders for the unknown SKU '" + UNKNOWN + "' should be refused with a 4xx problem; " + unavailable
                        + " of 4 were answered 503 (order-service thinks inventory-service is failing)");
        String state = p.breakerState("order-service", "inventory-service");
        verdict.expect("CLOSED".equals(state),
                "order-service's breaker to inventory-service stayed CLOSED",
                "order-service's breaker to inventory-service is " + state + " after 4 orders for an unknown SKU;"
                        + " it should stay CLOSED: inventory-service is healthy");
        Http.Answer good = p.placeOrder();
        verdict.expect(good.status() == 201, "a good order (alice, 1 pen) was placed right after: 201",
                "a good order (alice, 1 pen) right after was answered " + good.status() + " instead of 201");
    }
}
