package com.example.playground.monolith.web;

import static org.assertj.core.api.Assertions.fail;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * docs/api/monolith.json, the description the gateway's Swagger UI serves for the legacy
 * application (docs/browsable-api.md), is what springdoc (a test dependency) makes of its
 * controllers now. The services' tests do the same with support's ApiDescriptions; the monolith
 * shares none of the services' code, tests included, so this is its own copy of that check.
 */
@SpringBootTest(properties = {"springdoc.paths-to-match=/api/**", "springdoc.packages-to-scan=com.example.playground",
        "springdoc.default-produces-media-type=application/json", "springdoc.writer-with-order-by-keys=true",
        "springdoc.writer-with-default-pretty-printer=true"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ApiDescriptionTests {

    @Autowired MockMvcTester mvc;

    @Test
    void itsApiDescriptionIsTheOneTheGatewayServes() throws Exception {
        String now = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsString()
                .replace("\r\n", "\n").strip() + "\n";
        Path file = Path.of("..", "docs", "api", "monolith.json");
        String before = Files.exists(file) ? Files.readString(file) : "";
        if (!now.equals(before)) {
            Files.writeString(file, now);
            fail("docs/api/monolith.json was not the monolith's API as its controllers describe it now: it has been"
                    + " rewritten; review it (git diff) and commit it with the change");
        }
    }

    /** Server "/": "Try it out" goes through the gateway, as every client does. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Description {

        @Bean
        OpenAPI apiDescription() {
            return new OpenAPI()
                    .info(new Info().title("monolith").version("playground")
                            .description("The legacy application's API, as the gateway routes it (up --with monolith)."
                                    + " Errors are RFC 9457 problems with a stable type (docs/problems.md)."))
                    .addServersItem(new Server().url("/").description("the gateway"));
        }

        /** Every 4xx is a problem with a stable type, said once on every operation, as the services' descriptions say it. */
        @Bean
        OpenApiCustomizer problemsOnEveryOperation() {
            return openApi -> {
                openApi.getComponents().addSchemas("Problem", new ObjectSchema()
                        .addProperty("type", new StringSchema().format("uri")).addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                        .addProperty("instance", new StringSchema().format("uri")));
                ApiResponse problems = new ApiResponse()
                        .description("A problem (RFC 9457): its type says what went wrong; docs/problems.md lists them all")
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
                openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                        operation.getResponses().addApiResponse("4XX", problems)));
            };
        }
    }
}
