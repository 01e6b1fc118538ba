package com.example.playground.supervisor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The strangler fig's shares ({@code ./playground strangle}, docs/patterns/strangler-fig.md): the per
 * cent of each strangled route's requests that the gateway sends to the new services instead of the
 * legacy application. A change goes to the running gateway live ({@code /actuator/strangler} on its
 * management port: the next request follows it) and into the gateway's settings overlay, so a
 * restarted gateway keeps it. The gateway checks the route and the number: refused, nothing is written.
 */
public final class Strangler {

    static final String KEY_PREFIX = "playground.gateway.strangler.shares.";
    private static final String GATEWAY = "gateway";

    private final Stack stack;
    private final Configuration configuration;
    private final Predicate<Component> running;
    private final Http http = new Http(Http.QUICK);

    Strangler(Stack stack, Configuration configuration, Predicate<Component> running) {
        this.stack = stack;
        this.configuration = configuration;
        this.running = running;
    }

    /** Each strangled route and its share to the new services now, as the running gateway says. */
    public Map<String, Integer> shares() {
        Http.Answer answer = http.get(url(""));
        if (!answer.ok()) {
            throw new PlaygroundException("The gateway did not answer /actuator/strangler (HTTP " + answer.status() + ").",
                    PlaygroundException.FAILED);
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        Json.object(answer.body()).forEach((route, percent) -> shares.put(route, ((Number) percent).intValue()));
        return shares;
    }

    /** Sends {@code percent} of the route's requests to the new services from the next request on. */
    public void share(String route, int percent) {
        if (!route.matches("[a-z0-9-]{1,40}")) {
            throw new PlaygroundException("A route is a name like 'products', not '" + route + "'.", PlaygroundException.USAGE);
        }
        Http.Answer answer = http.post(url("/" + route), Json.write(Map.of("percent", percent)));
        if (!answer.ok()) {
            String why = answer.status() == 404 || answer.status() == 400
                    ? String.valueOf(Json.text(answer.json(), "error")) : "HTTP " + answer.status();
            throw new PlaygroundException("The gateway refused " + route + " at " + percent + "%: " + why
                    + (answer.status() == 404 ? "; './playground strangle' lists the routes" : "") + ".",
                    answer.status() == 404 || answer.status() == 400 ? PlaygroundException.USAGE : PlaygroundException.FAILED);
        }
        configuration.remember(GATEWAY, Map.of(KEY_PREFIX + route, String.valueOf(percent)));
    }

    private String url(String rest) {
        Component gateway = stack.component(GATEWAY);
        if (!running.test(gateway)) {
            throw new PlaygroundException("The gateway is not running: './playground up' first.", PlaygroundException.FAILED);
        }
        return Http.local(gateway.managementPort(), "/actuator/strangler" + rest);
    }
}
