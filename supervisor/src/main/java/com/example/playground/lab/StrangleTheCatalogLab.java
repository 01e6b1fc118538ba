package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The strangler fig: the legacy monolith serves the product page's API ({@code GET /api/products/{sku}})
 * and nothing of it goes to the new services yet. The attendee moves it to inventory-service step by
 * step with {@code ./playground strangle}, watching both sides answer, until all of it goes there.
 * The check wants the share at 100 per cent, every answer from inventory-service, and the answer to
 * what the new side's answer has that the old one's does not: {@code reserved}.
 */
final class StrangleTheCatalogLab implements Lab {

    private static final String MONOLITH = "monolith";
    private static final String ROUTE = "products";
    private static final String NEW = "inventory-service";
    private static final String EXTRA_FIELD = "reserved";
    private static final int ASKED = 20;

    @Override
    public About about() {
        return new About("strangle-the-catalog", "Strangle the catalogue", Level.BEGINNER, 15);
    }

    @Override
    public String goal() {
        return "The product page's API, GET /api/products/{sku}, is still served by the old shop (the monolith). Move all"
                + " of it to the new services, a share at a time, checking at each step that both sides answer. Then"
                + " answer: which field does the new side's answer have that the old one's does not?";
    }

    @Override
    public String firstStep() {
        return "Read docs/patterns/strangler-fig.md, then ask for a pen a few times: curl -si http://127.0.0.1:8080/api/products/pen"
                + " (look at X-Served-By), and ./playground strangle to see the share.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "./playground strangle products 25 sends a quarter of the requests to inventory-service from the next one"
                        + " on. Ask for the pen ten times and count the X-Served-By headers.",
                "Go on to 50, then 100. If anything goes wrong, ./playground strangle products 0 sends everything back to"
                        + " the monolith at once.",
                "Compare one answer of each side (curl -s http://127.0.0.1:8080/api/monolith/products/pen and"
                        + " curl -s http://127.0.0.1:8080/api/inventory/pen). Then ./playground lab check"
                        + " strangle-the-catalog --answer FIELD");
    }

    @Override
    public String solution() {
        return """
                ./playground strangle products 25      # then 50, then 100, asking for the pen at each step
                ./playground lab check strangle-the-catalog --answer reserved
                The gateway's new route for GET /api/products/{sku} draws each request: its share goes to inventory-service
                (/api/inventory/{sku}), the rest falls through to the monolith's route (/api/monolith/products/{sku}). A
                change applies to the next request, with nothing restarted, and 0 rolls back. inventory-service answers
                with one field more, 'reserved' (the units orders have reserved; a rejected order's are released again),
                which a client of the old answer does not read (docs/patterns/strangler-fig.md).""";
    }

    /** The monolith running (it is the legacy side) and every request still going to it. */
    @Override
    public void start(LabBench bench) {
        bench.supervisor().scaled(MONOLITH, 1).up(LabBench.READY);
        bench.supervisor().strangler().share(ROUTE, 0);
        bench.out().println(ROUTE + ": every request goes to the legacy application (" + MONOLITH + ").");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        int share = bench.supervisor().strangler().shares().getOrDefault(ROUTE, -1);
        verdict.expect(share == 100, ROUTE + " sends 100% of its requests to the new services",
                ROUTE + " sends " + share + "% of its requests to the new services, not 100%");
        long byNew = 0;
        for (int i = 0; i < ASKED; i++) {
            Http.Answer answer = p.get("/api/products/pen");
            if (answer.status() == 200 && NEW.equals(answer.header("X-Served-By").orElse(null))
                    && "pen".equals(Json.text(answer.json(), "sku"))) {
                byNew++;
            }
            RunningPlayground.pause(60); // below the gateway's rate limit
        }
        verdict.expect(byNew == ASKED, ASKED + " of " + ASKED + " asks for the pen were answered by " + NEW,
                byNew + " of " + ASKED + " asks for the pen were answered by " + NEW);
        Optional<String> answer = bench.answer();
        boolean right = answer.map(text -> text.toLowerCase(Locale.ROOT).contains(EXTRA_FIELD)).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": the new side adds '" + EXTRA_FIELD + "'",
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer FIELD"
                        : "'" + answer.get() + "' is not the field only the new side's answer has: compare one answer of each");
    }

    @Override
    public void applySolution(LabBench bench) {
        for (int percent : List.of(25, 50, 100)) {
            bench.supervisor().strangler().share(ROUTE, percent);
            bench.out().println(ROUTE + ": " + percent + "% to the new services.");
        }
        bench.out().println("The answer: " + EXTRA_FIELD + " (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), EXTRA_FIELD);
    }
}
