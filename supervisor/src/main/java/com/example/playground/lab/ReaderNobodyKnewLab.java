package com.example.playground.lab;

import com.example.playground.scenario.RunningPlayground;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared database, on PostgreSQL: the start places an order and switches on order-service's
 * {@code shared-database}, so the order's details read inventory-service's reservation table
 * directly, with a query written before inventory-service renamed a column, and lose their
 * reservations. The attendee finds the reader and makes the details whole again without touching
 * inventory-service; the check wants the reservation back through inventory-service's API, and the
 * answer: the column's new name and the database account the direct read used (the owner's).
 */
final class ReaderNobodyKnewLab implements Lab {

    private static final String ORDERS = "order-service";
    private static final String SWITCH = "shared-database";
    private static final String API = "inventory-service";
    private static final String NEW_NAME = "units";

    @Override
    public About about() {
        return new About("reader-nobody-knew", "The reader nobody knew", Level.BEGINNER, 15);
    }

    @Override
    public boolean needsPostgres() {
        return true;
    }

    @Override
    public String goal() {
        return "Since inventory-service's last release, an order's details have lost their reservations, and"
                + " inventory-service's team says their API has not changed. Find who reads what, and make the details"
                + " whole again without changing inventory-service or its tables. Then answer: what is the column the"
                + " broken read wants called now, and as which database account did that read connect?";
    }

    @Override
    public String firstStep() {
        return "curl -s http://127.0.0.1:8080/api/orders/<id>/details with the order id lab start printed, and read the"
                + " reservations half.";
    }

    @Override
    public List<String> hints() {
        return List.of(
                "The reservations half says where it came from ('source') and why it is unavailable. Ask inventory-service"
                        + " itself: curl -s 'http://127.0.0.1:8080/api/inventory/reservations?orderId=<id>'. Who is wrong?",
                "./playground faults order-service lists its switches. docs/patterns/shared-database.md says what the"
                        + " one that is on does, and which migration of inventory-service changed the table.",
                "For the account: the shared-database page's 'The direct read' names the account InventoryTables"
                        + " connects with. order-service's own role could not have read the table: try psql -h 127.0.0.1"
                        + " -U order_service postgres -c \"select count(*) from inventory.reservation\". Then ./playground"
                        + " lab check reader-nobody-knew --answer \"COLUMN,ACCOUNT\"");
    }

    @Override
    public String solution() {
        return """
                ./playground faults order-service                     # shared-database: ON
                ./playground switch order-service shared-database off
                ./playground lab check reader-nobody-knew --answer "units,postgres"
                With the switch on, order-service read inventory's reservation table itself, with a query written
                against the table as it was before inventory-service's V6 renamed 'quantity' to 'units'. inventory-service
                changed its own code with it and kept its API saying 'quantity', so every client of the API saw nothing;
                the reader nobody knew about broke. It connected as the database's owner, postgres: order-service's own
                role, order_service, may not even see the inventory schema. Switched off, the details ask the API again
                (docs/patterns/shared-database.md).""";
    }

    @Override
    public void start(LabBench bench) {
        RunningPlayground p = bench.playground();
        String id = RunningPlayground.orderId(p.placeOrder("orchestration")).orElse(null);
        String ended = id == null ? null : p.awaitOrderEnded(id, Duration.ofSeconds(60));
        if (!"APPROVED".equals(ended)) {
            throw new PlaygroundException("alice's order for a pen was " + ended + ", not APPROVED; start the lab again.",
                    PlaygroundException.FAILED);
        }
        p.management().setSwitch(ORDERS, SWITCH, true);
        bench.keep(name(), "order", id);
        bench.out().println("alice's order " + id + " is APPROVED; its details: curl -s http://127.0.0.1:"
                + bench.supervisor().stack().gatewayPort() + "/api/orders/" + id + "/details");
    }

    @Override
    public void check(LabBench bench, Verdict verdict) {
        RunningPlayground p = bench.playground();
        Optional<String> id = bench.kept(name(), "order");
        if (id.isEmpty()) {
            verdict.expect(false, "", "there is no order to look at: start the lab with ./playground lab start " + name());
            return;
        }
        Object reservations = Json.at(p.get("/api/orders/" + id.get() + "/details").json(), "reservations").orElse(null);
        boolean whole = "true".equals(Json.text(reservations, "available")) && API.equals(Json.text(reservations, "source"))
                && Json.listAt(reservations, "items").size() == 1;
        verdict.expect(whole, "order " + id.get() + "'s details list its reservation again, from inventory-service's API",
                "order " + id.get() + "'s details still miss their reservation (" + Json.text(reservations, "source") + ": "
                        + Json.text(reservations, "unavailableBecause") + ")");
        String owner = Optional.ofNullable(bench.supervisor().configuration().effective(ORDERS, "playground.db.username"))
                .orElse("postgres");
        Optional<String> answer = bench.answer();
        boolean right = answer.map(text -> text.toLowerCase(Locale.ROOT)).map(text -> text.contains(NEW_NAME)
                && text.contains(owner.toLowerCase(Locale.ROOT)) && !text.contains("order_service")).orElse(false);
        verdict.expect(right, "you answered " + answer.orElse("") + ": the column is '" + NEW_NAME + "' now, and the read"
                        + " connected as the database's owner, " + owner,
                answer.isEmpty() ? "answer the question: ./playground lab check " + name() + " --answer \"COLUMN,ACCOUNT\""
                        : "'" + answer.get() + "' is not the column's new name and the account of the direct read:"
                                + " inventory-service's migrations and the shared-database page tell both");
    }

    @Override
    public void applySolution(LabBench bench) {
        bench.playground().management().setSwitch(ORDERS, SWITCH, false);
        String owner = Optional.ofNullable(bench.supervisor().configuration().effective(ORDERS, "playground.db.username"))
                .orElse("postgres");
        String answer = NEW_NAME + "," + owner;
        bench.out().println(ORDERS + ": " + SWITCH + " off.");
        bench.out().println("The answer: " + answer + " (kept for 'lab check " + name() + "' without --answer)");
        bench.saveAnswer(name(), answer);
    }
}
