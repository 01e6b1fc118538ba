package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browsable API's files agree (docs/browsable-api.md): the gateway's Swagger UI lists every
 * description in docs/api/ (which the services' tests keep true to their controllers), and every
 * request of the README's request file is an operation one of them describes.
 */
class BrowsableApiTests {

    static final Path DESCRIPTIONS = HttpFilesTests.REPOSITORY.resolve("docs/api");
    static final Path SWAGGER_UI = HttpFilesTests.REPOSITORY.resolve("gateway/src/main/resources/static/swagger-ui.html");
    static final Pattern LISTED = Pattern.compile("\\{name: '([^']+)', url: '/api-docs/([a-z-]+)\\.json'}");

    @Test
    void theSwaggerUiListsEveryDescriptionAndNothingElse() throws IOException {
        List<String> listed = LISTED.matcher(Files.readString(SWAGGER_UI)).results().map(m -> m.group(2)).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(described())
                .contains("order-service", "payment-service", "inventory-service", "saga-orchestrator", "monolith");
    }

    @Test
    void everyRequestOfTheReadmesFileIsADescribedOperation() throws IOException {
        List<Operation> operations = operations();
        List<HttpFile.Request> requests = HttpFile.read(HttpFilesTests.TRY_IT).requests();

        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            String path = request.url().replace("{{gateway}}", "").replaceAll("\\?.*", "");
            assertThat(operations).as("%s %s is described in docs/api/", request.method(), path)
                    .anyMatch(operation -> operation.method().equals(request.method()) && operation.matches(path));
        });
    }

    @Test
    void everyDescriptionSendsTryItOutThroughTheGatewayAndSaysItsErrorsAreProblems() throws IOException {
        for (String service : described()) {
            JsonNode api = read(service);
            assertThat(api.at("/info/title").asString()).isEqualTo(service);
            assertThat(api.at("/servers/0/url").asString()).as(service).isEqualTo("/");
            assertThat(api.get("paths").propertyNames()).as(service).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
        }
        assertThat(operations()).allSatisfy(operation -> assertThat(read(operation.service())
                .at("/paths/" + operation.path().replace("/", "~1") + "/" + operation.method().toLowerCase(Locale.ROOT)
                        + "/responses/4XX/content/application~1problem+json/schema/$ref").asString())
                .as("%s's 4xx", operation).isEqualTo("#/components/schemas/Problem"));
    }

    /** One operation of a description; {@code {name}} in its path stands for one segment. */
    record Operation(String service, String method, String path) {

        /** {@code actual} as the request file writes it: {@code {{...}}} is a value filled in when sent. */
        boolean matches(String actual) {
            String[] fixed = path.split("\\{[^}]+}", -1);
            StringBuilder regex = new StringBuilder(Pattern.quote(fixed[0]));
            for (int i = 1; i < fixed.length; i++) {
                regex.append("[^/]+").append(Pattern.quote(fixed[i]));
            }
            return actual.replaceAll("\\{\\{[^}]+}}", "x").matches(regex.toString());
        }
    }

    static List<String> described() throws IOException {
        try (Stream<Path> files = Files.list(DESCRIPTIONS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList();
        }
    }

    static List<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        for (String service : described()) {
            read(service).get("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method ->
                    operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey()))));
        }
        return operations;
    }

    static JsonNode read(String service) {
        return JsonMapper.builder().build().readTree(DESCRIPTIONS.resolve(service + ".json").toFile());
    }
}
