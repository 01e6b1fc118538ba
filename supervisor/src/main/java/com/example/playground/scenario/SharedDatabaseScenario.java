package com.example.playground.scenario;

import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import java.time.Duration;

/**
 * The shared database, measured (docs/patterns/shared-database.md): an order's details with the
 * inventory half asked of inventory-service (its API, unchanged since V2) and, with order-service's
 * {@code shared-database} switch on, read straight from inventory's table, by a query written
 * against the table as it was before inventory-service renamed a column (its V6). The API answers;
 * the direct read fails, and says why.
 */
final class SharedDatabaseScenario implements Scenario {

    private static final String SWITCH = "shared-database";

    @Override
    public String name() {
        return "shared-database";
    }

    @Override
    public String shows() {
        return "on PostgreSQL: an order's details with the inventory half from inventory-service's API, and with"
                + " shared-database on from its table directly: the owner renamed a column, its API hid it, the direct read breaks";
    }

    @Override
    public boolean needsPostgres() {
        return true;
    }

    @Override
    public void run(RunningPlayground p, Report report) {
        if (!String.valueOf(p.management().faults("order-service")).contains(SWITCH)) {
            report.check("order-service offers " + SWITCH, false, "it does not: it runs on H2, where every service has a"
                    + " database file of its own. Start the playground with './playground up --db postgres'");
            return;
        }
        String orderId = RunningPlayground.orderId(p.placeOrder("orchestration")).orElse(null);
        String ended = orderId == null ? null : p.awaitOrderEnded(orderId, Duration.ofSeconds(60));
        if (!"APPROVED".equals(ended)) {
            report.check("an order to look at", false, "alice's order for a pen was " + ended);
            return;
        }
        Object throughTheApi = inventoryHalf(p, orderId);
        p.management().setSwitch("order-service", SWITCH, true);
        Object direct;
        try {
            direct = inventoryHalf(p, orderId);
        } finally {
            p.management().setSwitch("order-service", SWITCH, false);
        }
        report.figure("the inventory half through inventory-service's API: %s in %s ms (%s)", available(throughTheApi),
                Json.text(throughTheApi, "tookMs"), Json.write(Json.at(throughTheApi, "items").orElse(null)));
        report.figure("the inventory half read from inventory's table directly: %s in %s ms (%s)", available(direct),
                Json.text(direct, "tookMs"), Json.text(direct, "unavailableBecause"));
        report.check("asked through its API, inventory-service lists the order's reservation",
                "true".equals(Json.text(throughTheApi, "available"))
                        && Json.listAt(throughTheApi, "items").size() == 1,
                Json.text(throughTheApi, "source") + ": " + Json.write(Json.at(throughTheApi, "items").orElse(null)));
        String why = String.valueOf(Json.text(direct, "unavailableBecause"));
        report.check("read from its table by the old query, the same reservation is gone: the owner's rename broke the reader",
                "false".equals(Json.text(direct, "available")) && why.contains("quantity"), why);
    }

    private static Object inventoryHalf(RunningPlayground p, String orderId) {
        Http.Answer details = p.get("/api/orders/" + orderId + "/details");
        return Json.at(details.json(), "reservations").orElse(null);
    }

    private static String available(Object part) {
        return "true".equals(Json.text(part, "available")) ? "available" : "unavailable";
    }
}
