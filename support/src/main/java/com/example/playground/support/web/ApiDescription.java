package com.example.playground.support.web;

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
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The service's OpenAPI description, as the gateway's Swagger UI shows it (docs/browsable-api.md).
 * springdoc generates it from the controllers in the service's tests only (it is a test dependency),
 * which keep docs/api/SERVICE.json equal to it; this adds what springdoc cannot see.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OpenAPI.class)
class ApiDescription {

    /**
     * Server "/": Swagger UI's "Try it out" sends to where the page came from, the gateway, which is
     * the only public API. The service's own port is loopback-only and not what a client calls.
     */
    @Bean
    OpenAPI apiDescription(@Value("${spring.application.name:application}") String name) {
        // A part that passes on another service's JSON as it came (order details): any object.
        // Left to itself springdoc describes Jackson's JsonNode class, getters and all. Said here, in
        // the bean springdoc asks for before it describes anything.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
        return new OpenAPI()
                .info(new Info().title(name).version("playground")
                        .description("The public API of " + name + ", as the gateway routes it."
                                + " Errors are RFC 9457 problems with a stable type (docs/problems.md)."))
                .addServersItem(new Server().url("/").description("the gateway"));
    }

    /**
     * Every 4xx the services send is a problem with a stable type, from ProblemHandling or the
     * controllers' own ProblemExceptions: said once, on every operation, as an OpenAPI status range.
     */
    @Bean
    OpenApiCustomizer problemsOnEveryOperation() {
        return openApi -> {
            Schema<?> problem = new ObjectSchema()
                    .addProperty("type", new StringSchema().format("uri")).addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri"));
            openApi.getComponents().addSchemas("Problem", problem);
            ApiResponse problems = new ApiResponse()
                    .description("A problem (RFC 9457): its type says what went wrong; docs/problems.md lists them all")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                        operation.getResponses().addApiResponse("4XX", problems)));
            }
        };
    }
}
