package com.example.playground.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A database per service, kept in the code: no service's main code names another service's schema
 * in SQL ({@code inventory.reservation} in order-service, say), so none reads or writes another's
 * tables. At run time on PostgreSQL the services' own roles refuse it too; this catches it in review,
 * on H2 as well. The one exception is the shared-database anti-pattern's switch, which exists to show
 * what goes wrong (docs/patterns/shared-database.md).
 */
class SharedSchemaTests {

    /** Each service's schema on PostgreSQL (playground.db.schema in its application.yml). */
    private static final Map<Module, String> SCHEMAS = Map.of(
            Module.ORDER_SERVICE, "orders",
            Module.PAYMENT_SERVICE, "payments",
            Module.INVENTORY_SERVICE, "inventory",
            Module.SAGA_ORCHESTRATOR, "sagas");
    /** The anti-pattern's own package: allowed to name inventory's schema, on purpose. */
    private static final String ALLOWED = "order-service/src/main/java/com/example/playground/order/shareddatabase/";

    @Test
    void everyServiceKnowsTheSchemasByTheirApplicationYml() throws IOException {
        for (Map.Entry<Module, String> service : SCHEMAS.entrySet()) {
            Path yml = Module.checkoutRoot().resolve(service.getKey().folder).resolve("src/main/resources/application.yml");
            assertThat(Files.readString(yml)).as(yml.toString()).contains("schema: " + service.getValue());
        }
    }

    @Test
    void noServiceNamesAnotherServicesSchemaInItsSql() {
        List<String> found = new ArrayList<>();
        for (Module service : SCHEMAS.keySet()) {
            for (Path file : sourcesOf(service)) {
                String code = read(file);
                String name = Module.checkoutRoot().relativize(file).toString().replace('\\', '/');
                SCHEMAS.forEach((other, schema) -> {
                    if (other != service) {
                        found.addAll(matches(name, code, qualifiedBy(schema)));
                    }
                });
                found.addAll(matches(name, code, SPLICED));
            }
        }
        assertThat(found).as("SQL naming another service's schema: ask that service (its API, its events) instead").isEmpty();
    }

    @Test
    void theRuleCatchesTheSwitchsOwnQueryWhichItAllows() {
        Path allowed = Module.checkoutRoot().resolve(ALLOWED + "InventoryTables.java");
        assertThat(matches(ALLOWED, read(allowed), SPLICED)).as("the check itself, on the one place allowed to break it")
                .isNotEmpty();
        assertThat(matches("", "jdbc.sql(\"select * from inventory.reservation where order_id = :id\")", qualifiedBy("inventory")))
                .isNotEmpty();
        assertThat(matches("", "jdbc.sql(\"select * from reservation where order_id = :id\")", qualifiedBy("inventory")))
                .isEmpty();
    }

    /** A table qualified by that schema, after from, join, into, update or table. */
    private static Pattern qualifiedBy(String schema) {
        return Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+\"?" + Pattern.quote(schema) + "\"?\\s*\\.\\w+");
    }

    /** A table whose schema is spliced in from a variable: none of our services needs that for its own tables. */
    private static final Pattern SPLICED = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+\"\\s*\\+\\s*\\w+\\s*\\+\\s*\"\\.\\w+");

    private static List<String> matches(String file, String code, Pattern pattern) {
        List<String> hits = new ArrayList<>();
        Matcher matcher = pattern.matcher(code);
        while (matcher.find()) {
            hits.add(file + ": " + matcher.group());
        }
        return hits;
    }

    private static List<Path> sourcesOf(Module service) {
        try (Stream<Path> files = Files.walk(Module.checkoutRoot().resolve(service.folder).resolve("src/main/java"))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !Module.checkoutRoot().relativize(file).toString().replace('\\', '/').startsWith(ALLOWED))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
