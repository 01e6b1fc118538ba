package com.example.playground.canary;

import com.example.playground.canary.ErrorBudget.Count;
import com.example.playground.canary.ErrorBudget.Verdict;
import com.example.playground.supervisor.Canary;
import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.PrometheusText;
import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rolls the canary back on its own (docs/patterns/canary-release.md): once a second it reads the
 * gateway's request counters for the canary's route (Micrometer's {@code spring.cloud.gateway.requests},
 * on the gateway's Prometheus endpoint), and when the {@link ErrorBudget} of the last seconds is spent
 * while the canary has a share, it sets that share to 0 the way {@code ./playground canary 0} does:
 * live in the gateway, and in its settings overlay so a restart keeps it. The stable route's counters
 * are read beside it, for the page. The control room runs it, since it runs as long as the stack.
 */
public final class CanaryGuard {

    /** The stable version's route in the gateway, read for comparison. */
    static final String STABLE_ROUTE = "inventory";
    private static final String REQUESTS = "spring_cloud_gateway_requests_seconds_count";
    private static final int ROLLBACKS_KEPT = 10;

    private final Supplier<Supervisor> supervisor;
    private final Consumer<String> log;
    private final Http http = new Http(Duration.ofSeconds(2));
    private final List<Count> canaryCounts = new ArrayList<>();
    private final List<Count> stableCounts = new ArrayList<>();
    private final List<Map<String, Object>> rollbacks = new ArrayList<>();
    private Integer lastShare;
    private volatile Map<String, Object> view = Map.of("running", false, "rollbacks", List.of());

    public CanaryGuard(Supplier<Supervisor> supervisor, Consumer<String> log) {
        this.supervisor = supervisor;
        this.log = log;
    }

    /** One look at the counters and, when the budget is spent, the rollback; called once a second. */
    public void tick() {
        Supervisor stack = supervisor.get();
        Optional<Component> gateway = stack.stack().find("gateway");
        // Judged also while the canary does not run: stopped or killed with a share, its reads fail
        // (the gateway finds no instance), and that is a reason to roll back like any other.
        boolean running = stack.stack().find(Canary.NAME).isPresent() && stack.isRunning(Canary.NAME);
        if (gateway.isEmpty() || !stack.isRunning("gateway")) {
            forget();
            publish(running, 0, new Verdict(0, 0, false), new Verdict(0, 0, false));
            return;
        }
        int share;
        try {
            share = stack.canary().share();
        } catch (PlaygroundException e) {
            return; // the gateway is starting or restarting: nothing to judge, nothing to say
        }
        if (share == 0 && !running) {
            // No canary and no share: nothing to read (the gateway's whole Prometheus page each second is not free).
            forget();
            publish(false, 0, new Verdict(0, 0, false), new Verdict(0, 0, false));
            return;
        }
        Http.Answer metrics = http.get(Http.local(gateway.get().managementPort(), "/actuator/prometheus"));
        if (!metrics.ok()) {
            return;
        }
        Instant now = Instant.now();
        Count canary = count(metrics.body(), Canary.ROUTE, now);
        Count stable = count(metrics.body(), STABLE_ROUTE, now);
        boolean restarted = !canaryCounts.isEmpty() && canary.requests() < canaryCounts.get(canaryCounts.size() - 1).requests();
        if (lastShare == null || share != lastShare || restarted) {
            forget(); // a new share is judged on its own reads
        }
        lastShare = share;
        keep(canaryCounts, canary);
        keep(stableCounts, stable);
        Verdict verdict = ErrorBudget.judge(canaryCounts, now);
        if (share > 0 && verdict.spent() && rollBack(stack, share, verdict)) {
            share = 0;
        }
        publish(running, share, verdict, ErrorBudget.judge(stableCounts, now));
    }

    public Map<String, Object> view() {
        return view;
    }

    /** Sets the share to 0; false if the gateway refused (the next tick tries again, the budget still spent). */
    private boolean rollBack(Supervisor stack, int share, Verdict verdict) {
        String why = "%d of its last %d reads failed (%d %%, the limit is %d %%)".formatted(verdict.serverErrors(),
                verdict.requests(), verdict.percent(), ErrorBudget.MAX_PERCENT);
        try {
            stack.canary().share(0);
        } catch (RuntimeException e) {
            log.accept("canary: could not roll back from %d %% (%s): %s".formatted(share, why, e.getMessage()));
            return false;
        }
        log.accept("canary: rolled back from %d %% to 0: %s".formatted(share, why));
        Map<String, Object> rollback = new LinkedHashMap<>();
        rollback.put("at", Instant.now().toString());
        rollback.put("from", share);
        rollback.put("requests", verdict.requests());
        rollback.put("serverErrors", verdict.serverErrors());
        rollback.put("why", why);
        synchronized (rollbacks) {
            rollbacks.add(rollback);
            if (rollbacks.size() > ROLLBACKS_KEPT) {
                rollbacks.remove(0);
            }
        }
        forget();
        lastShare = 0;
        return true;
    }

    private void forget() {
        canaryCounts.clear();
        stableCounts.clear();
        lastShare = null;
    }

    private static void keep(List<Count> counts, Count count) {
        counts.add(count);
        counts.removeIf(c -> c.at().isBefore(count.at().minus(ErrorBudget.KEPT)));
    }

    /** A route's requests so far and those answered with a server error, summed over the gateway's series. */
    static Count count(String prometheus, String route, Instant at) {
        long requests = 0;
        long errors = 0;
        for (PrometheusText.Sample sample : PrometheusText.parse(prometheus, REQUESTS)) {
            if (sample.name().equals(REQUESTS) && route.equals(sample.label("routeId"))) {
                requests += (long) sample.value();
                if ("SERVER_ERROR".equals(sample.label("outcome"))) {
                    errors += (long) sample.value();
                }
            }
        }
        return new Count(at, requests, errors);
    }

    private void publish(boolean running, int share, Verdict canary, Verdict stable) {
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("running", running);
        next.put("share", share);
        next.put("limit", Map.of("windowSeconds", ErrorBudget.WINDOW.toSeconds(), "minRequests", ErrorBudget.MIN_REQUESTS,
                "maxPercent", ErrorBudget.MAX_PERCENT));
        next.put("canary", Map.of("requests", canary.requests(), "serverErrors", canary.serverErrors(), "percent", canary.percent()));
        next.put("stable", Map.of("requests", stable.requests(), "serverErrors", stable.serverErrors(), "percent", stable.percent()));
        synchronized (rollbacks) {
            next.put("rollbacks", List.copyOf(rollbacks));
        }
        view = next;
    }
}
