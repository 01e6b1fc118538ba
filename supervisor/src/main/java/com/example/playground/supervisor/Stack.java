package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public static final int CONTROL_ROOM = 8090;

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
                new Component("gateway", Kind.GATEWAY, GATEWAY + offset, 8180 + offset, "96m", null),
                new Component("control-room", Kind.CONTROL_ROOM, CONTROL_ROOM + offset, 0, "32m", null)));
    }

    /** Ports of a second instance are those of the first plus this (8083 -> 8093). */
    public static final int INSTANCE_PORT_STEP = 10;

    /** The most instances one service may run: their ports must not reach the next service's. */
    static final int MAX_INSTANCES = 3;

    /**
     * The same stack with these instance counts, e.g. {@code inventory-service=2}: the extra ones are
     * called {@code inventory-service-2} and so on, and start right after the first. A service not
     * named runs once, also if this stack ran it more often: the counts replace the stack's own.
     */
    public Stack withInstances(Map<String, Integer> instances) {
        List<Component> all = new ArrayList<>();
        for (Component c : firstInstances()) {
            all.add(c);
            int count = instances.getOrDefault(c.name(), 1);
            if (count > 1 && c.kind() != Kind.SERVICE) {
                throw new PlaygroundException("Only the services can run more than once, not " + c.name() + ".",
                        PlaygroundException.USAGE);
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new PlaygroundException("Run 1 to " + MAX_INSTANCES + " instances of a service, not " + count + ".",
                        PlaygroundException.USAGE);
            }
            for (int n = 2; n <= count; n++) {
                all.add(c.instance(n, INSTANCE_PORT_STEP));
            }
        }
        instances.keySet().forEach(this::component);
        return new Stack(portOffset, List.copyOf(all));
    }

    /**
     * Every extra instance a service could have that this stack does not run: what {@code up} stops
     * when the stack was scaled down ({@code --instances inventory-service=1}) and {@code down}
     * stops too, should the remembered counts be lost.
     */
    List<Component> instancesBeyond() {
        List<Component> beyond = new ArrayList<>();
        for (Component c : firstInstances()) {
            if (c.kind() == Kind.SERVICE) {
                for (int n = 2; n <= MAX_INSTANCES; n++) {
                    Component extra = c.instance(n, INSTANCE_PORT_STEP);
                    if (find(extra.name()).isEmpty()) {
                        beyond.add(extra);
                    }
                }
            }
        }
        return beyond;
    }

    private List<Component> firstInstances() {
        return components.stream().filter(c -> c.name().equals(c.module())).toList();
    }

    /** How many instances of a service's module this stack runs. */
    public int instancesOf(String module) {
        return (int) components.stream().filter(c -> c.module().equals(module)).count();
    }

    /** The extra instances, as {@code module=count} for the services that run more than once. */
    public Map<String, Integer> instances() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        components.forEach(c -> counts.merge(c.module(), 1, Integer::sum));
        counts.values().removeIf(count -> count == 1);
        return counts;
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

    public int controlRoomPort() {
        return component("control-room").port();
    }
}
