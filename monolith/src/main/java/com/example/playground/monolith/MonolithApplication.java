package com.example.playground.monolith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The shop that order-service, payment-service, inventory-service and the saga orchestrator run
 * over Kafka, as one process with one database: an order is decided in one local transaction and
 * the client gets the final answer at once. No Kafka, no saga, no outbox, no PENDING.
 *
 * <p>It is here for the contrast (over-engineering, an anti-pattern): for one team and this load,
 * this is all the shop needs. The playground's patterns solve problems this design does not have
 * yet; see them next to it and judge what each costs.
 */
@SpringBootApplication
public class MonolithApplication {

    public static void main(String[] args) {
        SpringApplication.run(MonolithApplication.class, args);
    }
}
