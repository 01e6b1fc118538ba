package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Planted bug, in settings: inventory-service registers with Eureka's production lease (a heartbeat
 * every 30 s, dropped 90 s after the last one) instead of the playground's demo lease. A killed
 * instance then stays in the registry for minutes, and callers keep being sent to it.
 */
final class EurekaTimingsLab implements Lab {

    private static final String SERVICE = "inventory-service";
    private static final String SECOND = "inventory-service-2";
    private static final String RENEWAL = "eureka.instance.lease-renewal-interval-in-seconds";
    private static final String EXPIRATION = "eureka.instance.lease-expiration-duration-in-seconds";
    /** The demo lease drops a killed instance after ~6 s (twice its 3 s, checked every second); the failover scenario promises 8. */
    private static final Duration PROMISE = Duration.ofSeconds(10);
    /** How long the check watches: enough to tell 6 s from minutes, without waiting out a production lease. */
    private static final Duration WATCH = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Http EUREKA = new Http(Http.QUICK);

    @Override
    public About about() {
        return new About("eureka-timings", "The dead instance still in the registry", Level.INTERMEDIATE, 25);
    }

    @Override
    public String goal() {
        return "A killed instance of inventory-service must leave Eureka within " + PROMISE.toSeconds() + " s, so"
                + " callers stop meeting it. Today it stays listed for minutes. Find the settings, and say why"
                + " production chooses them anyway.";
    }

    @Override
    public String firstStep() {
        return "Run two instances (./playground up --instances inventory-service=2), kill one (./playground kill"
                + " inventory-service-2), and watch how long Eureka lists it (see the page).";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "A SIGKILL sends Eureka no goodbye. How does Eureka learn that an instance is gone, and how long does it"
                        + " wait?",
                "Eureka shows each instance's lease: curl -s -H 'Accept: application/json'"
                        + " http://127.0.0.1:8761/eureka/apps/INVENTORY-SERVICE and read leaseInfo. Compare it with the table"
                        + " in docs/patterns/service-discovery.md.",
                "./playground config diff inventory-service shows what differs from the packaged settings.",
                "The instance says how often it renews its lease and how long Eureka may keep it without a renewal:"
                        + " ./playground config reset inventory-service puts the demo lease back (1 s and 3 s; it restarts"
                        + " inventory-service).");
    }

    @Override
    public String solution() {
        return """
                inventory-service registered with Eureka's production lease (in its settings overlay): a renewal every
                30 s (eureka.instance.lease-renewal-interval-in-seconds) and expiry 90 s after the last one
                (eureka.instance.lease-expiration-duration-in-seconds). A killed instance sends no cancel, so Eureka
                kept it until the lease ran out: 90 s after it registered, or up to twice that after a renewal (Eureka
                adds the duration once too often). Meanwhile the gateway and order-service kept picking it and had to
                retry elsewhere. The demo lease (1 s and 3 s, eviction every second) drops it in about 6 s.
                Production keeps the slow one on purpose: a fleet of
                instances renewing every second loads the registry, and a network blip of a few seconds would evict
                healthy instances; callers are protected by retries on another instance, timeouts and breakers instead.
                Fix: ./playground config reset inventory-service (a restart: the lease is sent when it registers)""";
    }

    @Override
    public Map<String, Map<String, String>> settings() {
        return Map.of(SERVICE, Map.of(RENEWAL, "30", EXPIRATION, "90"));
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Supervisor two = p.twoInstancesOf(SERVICE, "check");
        Component second = two.stack().component(SECOND);
        Duration listedFor = null;
        String lease;
        try {
            two.up(PATIENCE);
            lease = lease(bench, second);
            two.kill(SECOND);
            Instant killed = Instant.now();
            Supervisor watched = two;
            if (!RunningPlayground.awaitUntil(() -> watched.registered(SECOND), registered -> !registered, WATCH)) {
                listedFor = Duration.between(killed, Instant.now());
            }
        } finally {
            forget(bench, two, second);
            if (!p.backToOneIfAdded(SERVICE, "check")) {
                two.start(SECOND, PATIENCE);
            }
        }
        verdict.expect(listedFor != null && listedFor.compareTo(PROMISE) <= 0,
                "Eureka stopped handing out the killed " + SECOND + " after " + (listedFor == null ? "?"
                        : "%.1f s".formatted(listedFor.toMillis() / 1000.0)) + " (its lease: " + lease + ")",
                listedFor == null
                        ? "Eureka still listed the killed " + SECOND + " " + WATCH.toSeconds() + " s after it died (its lease: "
                                + lease + "): callers are sent to a dead instance until the lease runs out"
                        : "Eureka listed the killed " + SECOND + " for %.1f s; within %d s is the demo's promise (its lease: %s)"
                                .formatted(listedFor.toMillis() / 1000.0, PROMISE.toSeconds(), lease));
    }

    /** The lease Eureka holds for an instance, as the instance asked for it when it registered. */
    private static String lease(LabBench bench, Component instance) {
        Object registry = EUREKA.get(Http.local(bench.supervisor().stack().eurekaPort(),
                "/eureka/apps/" + app(instance))).json();
        for (Object listed : Json.listAt(registry, "application", "instance")) {
            if (instance.registryId().equals(Json.text(listed, "instanceId"))) {
                return "renewed every " + Json.text(listed, "leaseInfo", "renewalIntervalInSecs") + " s, dropped "
                        + Json.text(listed, "leaseInfo", "durationInSecs") + " s after the last renewal";
            }
        }
        return "not found";
    }

    /**
     * Cancels a killed instance's lease if Eureka still lists it, as the instance would have on a
     * clean stop: the stack is left as the check found it, not with a dead entry for minutes.
     */
    private static void forget(LabBench bench, Supervisor supervisor, Component instance) {
        if (supervisor.isRunning(instance.name()) || !supervisor.registered(instance.name())) {
            return;
        }
        Http.Answer cancelled = EUREKA.delete(Http.local(supervisor.stack().eurekaPort(),
                "/eureka/apps/" + app(instance) + "/" + instance.registryId()));
        bench.out().printf("Eureka still listed the killed %s: its lease cancelled by hand (HTTP %d), as a clean stop"
                + " would have.%n", instance.name(), cancelled.status());
    }

    private static String app(Component instance) {
        return instance.module().toUpperCase(Locale.ROOT);
    }
}
