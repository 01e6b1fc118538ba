package com.example.playground.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The canary release (docs/patterns/canary-release.md): a second version of inventory-service
 * ({@code up --with inventory-canary}) that takes a share of its reads at the gateway
 * ({@code ./playground canary PERCENT}) until the control room sees it fail and sets the share back
 * to 0. The canary is inventory-service's jar with its database, its consumer group and its settings;
 * only its name in Eureka is its own, so the gateway's inventory route never picks it and a route of
 * its own does, for its share of the requests (a strangler share in the gateway).
 */
public final class Canary {

    /** What {@code up --with} and the stack call it. */
    public static final String NAME = "inventory-canary";
    /** The service it is a new version of. */
    public static final String SERVICE = "inventory-service";
    /** Its name in Eureka, and so the gateway's {@code lb://} name for it and its breaker's name. */
    public static final String REGISTERED_AS = "inventory-service-canary";
    /** The gateway's share of inventory reads that go to the canary ({@code /actuator/strangler}). */
    public static final String ROUTE = "inventory-canary";
    /** The request header that always reaches the canary: what a tester (and the smoke test) sends. */
    public static final Map<String, String> ASK_FOR_IT = Map.of("X-Canary", "true");

    private static final String PROBE = "/api/inventory/book";
    private static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(30);
    private static final long PAUSE_MILLIS = 250;

    private final Stack stack;
    private final Strangler strangler;
    private final Predicate<Component> running;
    private final Http http = new Http(Http.QUICK);

    Canary(Stack stack, Strangler strangler, Predicate<Component> running) {
        this.stack = stack;
        this.strangler = strangler;
        this.running = running;
    }

    /** The program arguments that give the canary its own name in Eureka (none for any other process). */
    static List<String> serviceArgs(Component c) {
        if (!c.name().equals(NAME)) {
            return List.of();
        }
        return List.of("--eureka.instance.appname=" + REGISTERED_AS,
                "--eureka.instance.virtual-host-name=" + REGISTERED_AS,
                "--eureka.instance.secure-virtual-host-name=" + REGISTERED_AS);
    }

    /** Its share of inventory reads now, as the running gateway says. */
    public int share() {
        return strangler.shares().getOrDefault(ROUTE, 0);
    }

    /**
     * Sends {@code percent} of inventory reads to the canary from the next one on, and returns how long
     * its smoke test took. A share above 0 is given only to a canary that runs and that has just
     * answered a read through the gateway (asked for with {@link #ASK_FOR_IT}): a canary the gateway
     * cannot reach yet would fail every request of its share and be rolled back at once. 0 needs
     * nothing: it is the rollback.
     */
    public Duration share(int percent) {
        Duration smoke = Duration.ZERO;
        if (percent > 0) {
            if (stack.find(NAME).filter(running).isEmpty()) {
                throw new PlaygroundException("The canary is not running: './playground up --with " + NAME
                        + "' first.", PlaygroundException.FAILED);
            }
            smoke = smokeTest();
        }
        strangler.share(ROUTE, percent);
        return smoke;
    }

    private Duration smokeTest() {
        Instant started = Instant.now();
        Instant deadline = started.plus(SMOKE_TIMEOUT);
        String url = Http.local(stack.gatewayPort(), PROBE);
        Http.Answer answer;
        do {
            answer = http.get(url, ASK_FOR_IT);
            if (answer.ok() && answer.header("X-Served-By").filter(REGISTERED_AS::equals).isPresent()) {
                return Duration.between(started, Instant.now());
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new PlaygroundException("The canary did not answer GET " + PROBE + " through the gateway within "
                + SMOKE_TIMEOUT.toSeconds() + " s (last: HTTP " + answer.status() + " " + answer.body()
                + "), so its share is left as it was. './playground logs " + NAME + "' says why.",
                PlaygroundException.FAILED);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted", PlaygroundException.FAILED);
        }
    }
}
