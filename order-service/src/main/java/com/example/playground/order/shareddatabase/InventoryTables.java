package com.example.playground.order.shareddatabase;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.Switch;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The shared database, as a switch (docs/patterns/shared-database.md). With {@code shared-database}
 * on, the inventory half of an order's details is read straight from inventory-service's table
 * ({@code <inventory schema>.reservation}) instead of asking inventory-service, through the
 * database owner's account, since order-service's own role may not see that schema. The query was
 * written against the table as it was (a {@code quantity} column); inventory-service has renamed it
 * since (its V6) and kept its API: this read broke, the API's callers did not notice. The only
 * place in the services' code allowed to name another service's schema (SharedSchemaTests).
 */
public class InventoryTables {

    private final JdbcClient owner;
    private final String schema;
    private final Faults faults;
    private final JsonMapper json;

    InventoryTables(DataSource ownersAccount, String schema, Faults faults, JsonMapper json) {
        this.owner = ownersAccount == null ? null : JdbcClient.create(ownersAccount);
        this.schema = schema;
        this.faults = faults;
        this.json = json;
        if (ownersAccount != null) {
            faults.offer(Switch.SHARED_DATABASE);
        }
    }

    /** Whether the order details read inventory's table now instead of asking inventory-service. */
    public boolean inUse() {
        return owner != null && faults.isOn(Switch.SHARED_DATABASE);
    }

    /** What the direct read found out, in the words of the database: it failed, and why. */
    public static class ReadFailed extends RuntimeException {
        ReadFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The order's reservations as inventory's API would list them (sku, quantity, status), read from its table. */
    public CompletableFuture<JsonNode> reservationsOf(String orderId) {
        try {
            ArrayNode rows = json.createArrayNode();
            owner.sql("select sku, quantity, status from " + schema + ".reservation where order_id = :orderId order by sku")
                    .param("orderId", orderId)
                    .query((rs, n) -> rows.addObject().put("sku", rs.getString("sku"))
                            .put("quantity", rs.getInt("quantity")).put("status", rs.getString("status")))
                    .list();
            return CompletableFuture.completedFuture(rows);
        } catch (DataAccessException e) {
            return CompletableFuture.failedFuture(new ReadFailed("reading " + schema + ".reservation directly failed: "
                    + e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), e));
        }
    }
}
