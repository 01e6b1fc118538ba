package com.example.playground.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * What the gateway costs: the same GET ({@code /api/inventory/book}) by the same number of clients,
 * each sending its next request as soon as the last is answered (a closed model, like wrk), first
 * through the gateway and then straight to inventory-service. The supervisor divides the two
 * throughputs. A short warm-up of both paths comes first and is reported under its own names.
 */
public class GatewayRatioSimulation extends Simulation {

    private static final String PATH = "/api/inventory/book";

    private final Figures figures = new Figures();
    private final int clients = BenchSettings.number("clients", 32);
    private final Duration each = Duration.ofSeconds(BenchSettings.number("seconds", 10));
    private final Duration warmUp = Duration.ofSeconds(BenchSettings.number("warmup", 3));
    private final String gateway = BenchSettings.text("gateway", "http://127.0.0.1:8080");
    private final String direct = BenchSettings.text("direct", "http://127.0.0.1:8083");

    @Override
    public void after() {
        figures.write();
    }

    private ScenarioBuilder calls(String name, String baseUrl, Duration during) {
        return scenario(name).during(during).on(
                exec(http(name).get(baseUrl + PATH)
                        .check(status().saveAs(Figures.STATUS), responseTimeInMillis().saveAs(Figures.MILLIS),
                                status().is(200)))
                        .exec(session -> figures.noted(name, session)));
    }

    {
        setUp(calls("warm-up through the gateway", gateway, warmUp).injectOpen(atOnceUsers(clients))
                .andThen(calls("warm-up direct", direct, warmUp).injectOpen(atOnceUsers(clients))
                        .andThen(calls("through the gateway", gateway, each).injectOpen(atOnceUsers(clients))
                                .andThen(calls("direct", direct, each).injectOpen(atOnceUsers(clients))))))
                .protocols(http.acceptHeader("application/json").disableWarmUp())
                .maxDuration(warmUp.multipliedBy(2).plus(each.multipliedBy(2)).plusSeconds(30));
    }
}
