package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Strangler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strangler fig (docs/patterns/strangler-fig.md): {@code GET /api/products/{sku}} moved from the
 * legacy application (the opt-in monolith) to inventory-service step by step, 0 → 25 → 50 → 100 per
 * cent, and rolled back to 0 in one command. At each step it asks for the pen 40 times through the
 * gateway and counts which side answered ({@code X-Served-By}); every answer must be a 200 with the
 * pen and its price, whichever side gave it.
 */
final class StranglerFigScenario implements Scenario {

    private static final String ROUTE = "products";
    private static final String LEGACY = "monolith";
    private static final String NEW = "inventory-service";
    private static final int REQUESTS = 40;
    /** Below the gateway's rate limit (20 a second per client address), so no step is cut short by 429s. */
    private static final long PACE_MILLIS = 60;

    private Integer before;
    /** Every price the pen was given, by either side. */
    private final Set<String> prices = new TreeSet<>();

    @Override
    public String name() {
        return "strangler-fig";
    }

    @Override
    public String shows() {
        return "GET /api/products/{sku} moved from the legacy monolith to inventory-service at 0, 25, 50 and 100 per cent,"
                + " live, every answer right whichever side gave it, and rolled back in one command";
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        p.withOptIn(LEGACY, "scenario");
        Strangler strangler = p.supervisor().strangler();
        before = strangler.shares().get(ROUTE);
        Map<Integer, Map<String, Integer>> served = new TreeMap<>();
        List<Integer> steps = List.of(0, 25, 50, 100);
        for (int percent : steps) {
            strangler.share(ROUTE, percent);
            served.put(percent, ask(p, report, percent));
        }
        strangler.share(ROUTE, 0);
        Map<String, Integer> rolledBack = ask(p, report, 0);

        for (int percent : steps) {
            report.figure("%3d%% to the new services: %s", percent, served.get(percent));
        }
        report.figure("rolled back to 0%%: %s", rolledBack);
        report.check("at 0% every request is the legacy application's", only(served.get(0), LEGACY), served.get(0).toString());
        report.check("at 25% and 50% both sides answer", both(served.get(25)) && both(served.get(50)),
                served.get(25) + ", " + served.get(50));
        report.check("both sides give the pen the same price", prices.size() == 1, "prices seen: " + prices);
        report.check("at 100% every request is the new services', from the first one after the change",
                only(served.get(100), NEW), served.get(100).toString());
        report.check("one command rolls back: every request the legacy application's again", only(rolledBack, LEGACY),
                rolledBack.toString());
    }

    /** The pen asked for {@link #REQUESTS} times at this share: who answered how often (anything else counts as a failure). */
    private Map<String, Integer> ask(RunningPlayground p, Report report, int percent) {
        Map<String, Integer> served = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Http.Answer answer = p.get("/api/products/pen");
            String by = answer.header("X-Served-By").orElse("nobody");
            boolean right = answer.status() == 200 && "pen".equals(Json.text(answer.json(), "sku"))
                    && Json.text(answer.json(), "price") != null;
            String key = right ? by : by + " " + answer.status();
            served.merge(key, 1, Integer::sum);
            if (right) {
                prices.add(Json.text(answer.json(), "price"));
            }
            if (!right && wrong.size() < 3) {
                wrong.add(answer.status() + " from " + by + ": " + answer.body());
            }
            RunningPlayground.pause(PACE_MILLIS);
        }
        report.check("at " + percent + "% every answer is the pen with its price", wrong.isEmpty(), wrong.isEmpty()
                ? REQUESTS + " of " + REQUESTS : String.join("; ", wrong));
        return served;
    }

    private static boolean only(Map<String, Integer> served, String side) {
        return served.keySet().equals(Set.of(side));
    }

    private static boolean both(Map<String, Integer> served) {
        return served.keySet().equals(Set.of(LEGACY, NEW));
    }

    /** The share as the run found it, the monolith stopped if this run started it, faults healed. */
    @Override
    public void heal(RunningPlayground p) {
        if (before != null) {
            p.supervisor().strangler().share(ROUTE, before);
        }
        p.withoutIfAdded(LEGACY, "scenario");
        p.healEverything();
    }
}
