package com.example.playground.supervisor;

import java.util.List;

/**
 * One process of the stack: what it is called, the ports it listens on, how to tell it is healthy,
 * and (for our own services) the gateway path that proves it is routable.
 *
 * @param name          what the CLI and the logs call it
 * @param module        the Maven module (and jar) it runs; the same for every instance of a service
 * @param kind          how it is launched
 * @param port          its main port (the API, the broker, the UI)
 * @param managementPort actuator port of a Spring service, or 0
 * @param heap          -Xmx for its JVM
 * @param routeProbe    a path through the gateway that this service answers, or null if it is not behind the gateway
 */
public record Component(String name, String module, Kind kind, int port, int managementPort, String heap,
        String routeProbe) {

    /** The first (or only) instance: named after its module. */
    public Component(String name, Kind kind, int port, int managementPort, String heap, String routeProbe) {
        this(name, name, kind, port, managementPort, heap, routeProbe);
    }

    /**
     * Another instance of the same service: same jar, same database, same route probe (the gateway
     * picks the instance; readiness waits until one probe reached this one), ports of its own.
     */
    Component instance(int number, int portStep) {
        int shift = (number - 1) * portStep;
        return new Component(module + "-" + number, module, kind, port + shift, managementPort + shift, heap,
                routeProbe);
    }

    /** How Eureka lists it: the instance id every service registers with ({@code name:port}). */
    public String registryId() {
        return module + ":" + port;
    }

    /**
     * How a process is launched. {@code APP} is an opt-in Spring app beside the shop's services
     * ({@code up --with monolith}): behind the gateway and in Eureka, but with no Kafka, no faults
     * endpoint and no share in what the services do together (sagas, partitions, leaders).
     * {@code SIDECAR} is an opt-in proxy beside one service, no JVM ({@code up --with
     * payment-sidecar}, HAProxy): its port is what the service calls, its management port HAProxy's
     * own (readiness, Prometheus metrics).
     */
    public enum Kind {
        KAFKA, ZIPKIN, DISCOVERY, GATEWAY, SERVICE, CONTROL_ROOM, APP, SIDECAR;

        boolean isSpringApp() {
            return this == DISCOVERY || this == GATEWAY || this == SERVICE || this == APP;
        }

        /** Keeps data (an H2 file of the state folder, or a schema on PostgreSQL): what 'reset' and 'lab start' give fresh data. */
        public boolean keepsData() {
            return this == SERVICE || this == APP;
        }
    }

    public boolean registersWithEureka() {
        return kind == Kind.SERVICE || kind == Kind.GATEWAY || kind == Kind.APP;
    }

    /** Ports this component binds, for the "port is taken" check before start. */
    public List<Integer> ports() {
        if (kind == Kind.KAFKA) {
            return List.of(port, port + 1);
        }
        return managementPort == 0 ? List.of(port) : List.of(port, managementPort);
    }
}
