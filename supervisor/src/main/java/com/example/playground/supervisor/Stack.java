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
 * second stack beside the one a developer has up. Opt-in processes ({@link #optIn}) join it only
 * when asked for ({@code up --with NAME}): the default stack keeps its memory budget.
 */
public record Stack(int portOffset, List<Component> components) {

    public static final int KAFKA = 9092;
    public static final int ZIPKIN = 9411;
    public static final int EUREKA = 8761;
    public static final int GATEWAY = 8080;
    public static final int CONTROL_ROOM = 8090;

    /**
     * The processes whose command line names an opt-in one, which must restart when it joins or
     * leaves: payment-service calls the provider through the sidecar only if it was started so.
     */
    private static final Map<String, String> WIRED_TO = Map.of(PaymentSidecar.NAME, PaymentSidecar.SERVICE);

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

    /**
     * The processes a stack runs only when asked ({@code up --with NAME}), each once: the monolith,
     * the whole order flow in one process and one database (docs/patterns/over-engineering.md); the
     * payment sidecar, HAProxy beside payment-service holding the resilience of its calls to the
     * payment provider (docs/patterns/sidecar.md); the canary, a second version of inventory-service
     * under a name of its own in Eureka (docs/patterns/canary-release.md). The canary has no route
     * probe: at a share of 0 no request reaches it, so 'up' waits for it to be healthy and listed,
     * and {@code ./playground canary} smoke-tests it through the gateway before it gets a share.
     */
    static List<Component> optIn(int offset) {
        return List.of(new Component("monolith", Kind.APP, 8085 + offset, 8185 + offset, "96m",
                        "/api/monolith/products/book"),
                new Component(PaymentSidecar.NAME, Kind.SIDECAR, 8086 + offset, 8186 + offset, null, null),
                new Component(Canary.NAME, Canary.SERVICE, Kind.SERVICE, 8088 + offset, 8188 + offset, "96m", null));
    }

    /** What must restart to become this stack, given the opt-in processes the running one had. */
    List<Component> rewiredSince(Map<String, Integer> before) {
        return WIRED_TO.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()) != find(e.getKey()).isPresent())
                .map(e -> find(e.getValue())).flatMap(Optional::stream).toList();
    }

    /** The names {@code up --with} takes. */
    public static List<String> optInNames() {
        return optIn(0).stream().map(Component::name).toList();
    }

    /** Ports of a second instance are those of the first plus this (8083 -> 8093). */
    public static final int INSTANCE_PORT_STEP = 10;

    /** The most instances one service may run: their ports must not reach the next service's. */
    static final int MAX_INSTANCES = 3;

    /**
     * The same stack with these instance counts, e.g. {@code inventory-service=2}: the extra ones are
     * called {@code inventory-service-2} and so on, and start right after the first. A service not
     * named runs once, also if this stack ran it more often: the counts replace the stack's own. An
     * opt-in process runs if its count is 1 ({@code monolith=1}, what {@code --with monolith} adds)
     * and not if it is 0 or not named.
     */
    public Stack withInstances(Map<String, Integer> instances) {
        List<Component> all = new ArrayList<>();
        for (Component c : optIn(portOffset)) {
            int count = instances.getOrDefault(c.name(), 0);
            if (count < 0 || count > 1) {
                throw new PlaygroundException(c.name() + " runs once or not at all ('up --with " + c.name()
                        + "'), not " + count + " times.", PlaygroundException.USAGE);
            }
        }
        for (Component c : firstInstances()) {
            if (isOptIn(c.name())) {
                continue;
            }
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
        // Opt-in apps start with the services, before the gateway and the control room that look for them.
        all.addAll(all.indexOf(component("gateway")), optIn(portOffset).stream()
                .filter(c -> instances.getOrDefault(c.name(), 0) == 1).toList());
        for (String name : instances.keySet()) {
            if (find(name).isEmpty() && !isOptIn(name)) {
                component(name); // says which names exist
            }
        }
        return new Stack(portOffset, List.copyOf(all));
    }

    /**
     * Every extra instance a service could have, and every opt-in process, that this stack does not
     * run: what {@code up} stops when the stack was scaled down ({@code --instances
     * inventory-service=1}, {@code --without monolith}) and {@code down} stops too, should the
     * remembered counts be lost.
     */
    List<Component> instancesBeyond() {
        List<Component> beyond = new ArrayList<>(optIn(portOffset).stream().filter(c -> find(c.name()).isEmpty()).toList());
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

    /** How many instances of a service's module this stack runs (a canary of it is not one: it is opt-in). */
    public int instancesOf(String module) {
        return (int) components.stream().filter(c -> c.module().equals(module) && !isOptIn(c.name())).count();
    }

    /**
     * The extra instances, as {@code module=count} for the services that run more than once, and
     * {@code NAME=1} for each opt-in process it runs.
     */
    public Map<String, Integer> instances() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        components.forEach(c -> counts.merge(isOptIn(c.name()) ? c.name() : c.module(), 1, Integer::sum));
        counts.entrySet().removeIf(e -> e.getValue() == 1 && !isOptIn(e.getKey()));
        return counts;
    }

    private boolean isOptIn(String name) {
        return optIn(portOffset).stream().anyMatch(c -> c.name().equals(name));
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
