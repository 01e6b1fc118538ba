package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.util.List;
import java.util.Optional;

/**
 * The processes of the playground and their ports: the one table the supervisor, the README and
 * the system tests agree on. An offset moves every port at once, so the system tests can run a
 * second stack beside the one a developer has up.
 */
public record Stack(int portOffset, List<Component> components) {

    public static final int KAFKA = 9092;
    public static final int ZIPKIN = 9411;
    public static final int EUREKA = 8761;
    public static final int GATEWAY = 8080;

    public static Stack withPortOffset(int offset) {
        return new Stack(offset, List.of(
                new Component("kafka", Kind.KAFKA, KAFKA + offset, 0, "192m", null),
                new Component("zipkin", Kind.ZIPKIN, ZIPKIN + offset, 0, "128m", null),
                new Component("discovery", Kind.DISCOVERY, EUREKA + offset, 8861 + offset, "96m", null),
                new Component("order-service", Kind.SERVICE, 8081 + offset, 8181 + offset, "96m",
                        "/api/orders/route-probe"),
                new Component("payment-service", Kind.SERVICE, 8082 + offset, 8182 + offset, "96m",
                        "/api/payments?orderId=route-probe"),
                new Component("inventory-service", Kind.SERVICE, 8083 + offset, 8183 + offset, "96m",
                        "/api/inventory/book"),
                new Component("saga-orchestrator", Kind.SERVICE, 8084 + offset, 8184 + offset, "96m",
                        "/api/sagas/route-probe"),
                new Component("gateway", Kind.GATEWAY, GATEWAY + offset, 8180 + offset, "96m", null)));
    }

    public Component component(String name) {
        return find(name).orElseThrow(() -> new PlaygroundException("There is no process called '" + name
                + "'. Known: " + String.join(", ", names()), PlaygroundException.USAGE));
    }

    public Optional<Component> find(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return components.stream().map(Component::name).toList();
    }

    public int kafkaPort() {
        return component("kafka").port();
    }

    public int zipkinPort() {
        return component("zipkin").port();
    }

    public int eurekaPort() {
        return component("discovery").port();
    }

    public int gatewayPort() {
        return component("gateway").port();
    }
}
