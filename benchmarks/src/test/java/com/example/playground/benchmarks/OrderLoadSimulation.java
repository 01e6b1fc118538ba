package com.example.playground.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Orders at a fixed arrival rate through the gateway: an open model, so a slow system gets the same
 * orders per second as a fast one and its backlog shows (a closed model would politely wait). Every
 * order names its saga style. The mix, in turn, out of every ten orders:
 * <ul>
 *   <li>8 by the bench customer, one sticker: approved (stock reserved, payment authorised);</li>
 *   <li>1 by bob, who has no credit: rejected by payment-service, so inventory-service releases the
 *       stock again (the compensating path);</li>
 *   <li>1 by the bench customer for a rare coin, which is out of stock: rejected at the first step.</li>
 * </ul>
 * A run answers "how many were accepted (201) and how fast"; how long each order then took to end is
 * read afterwards from order-service's own timestamps ({@code /actuator/ordertimings}).
 */
public class OrderLoadSimulation extends Simulation {

    private static final String[][] MIX = {
            {"bench", "sticker"}, {"bench", "sticker"}, {"bench", "sticker"}, {"bench", "sticker"},
            {"bob", "sticker"}, {"bench", "sticker"}, {"bench", "sticker"}, {"bench", "sticker"},
            {"bench", "sticker"}, {"bench", "rare-coin"}};

    private final Figures figures = new Figures();
    private final double rate = BenchSettings.decimal("rate", 10);
    private final int seconds = BenchSettings.number("duration", 10);
    private final String saga = BenchSettings.text("saga", "orchestration");

    private final HttpProtocolBuilder gateway = http.baseUrl(BenchSettings.text("gateway", "http://127.0.0.1:8080"))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            // Many shoppers, but one pool of kept-alive connections: the run measures the system,
            // not TCP handshakes on loopback.
            .shareConnections()
            // Gatling's default warm-up calls a public web site; this machine talks to itself only.
            .disableWarmUp();

    private final ScenarioBuilder shoppers = scenario("orders (" + saga + ")")
            .feed(mix())
            .exec(http("place an order").post("/api/orders")
                    .body(StringBody("""
                            {"customerId":"#{customerId}","items":[{"sku":"#{sku}","quantity":1}],"saga":"%s"}"""
                            .formatted(saga)))
                    // Saved first: a failed check stops the checks after it.
                    .check(status().saveAs(Figures.STATUS), responseTimeInMillis().saveAs(Figures.MILLIS),
                            status().is(201)))
            .exec(session -> figures.noted("place an order", session));

    {
        setUp(shoppers.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds))))
                .protocols(gateway)
                // Stops by itself even if the stack hangs: the last orders get a minute to be answered.
                .maxDuration(Duration.ofSeconds(seconds + 60L));
    }

    @Override
    public void after() {
        figures.write();
    }

    private static Iterator<Map<String, Object>> mix() {
        AtomicLong next = new AtomicLong();
        return Stream.generate(() -> {
            String[] order = MIX[(int) (next.getAndIncrement() % MIX.length)];
            return Map.<String, Object>of("customerId", order[0], "sku", order[1]);
        }).iterator();
    }
}
