package com.example.playground.monolith.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read exactly as written, or not at all (400 {@code malformed-request}), as in
 * the services (support's StrictJson): {@code 1.5} is not the quantity 1, {@code "2"} is not a
 * number, {@code 7} is not a customer id, and a key given twice or a property the request does not
 * have is not quietly dropped.
 *
 * <p>Unlike the services, this is the application's own mapper: the monolith reads JSON from its
 * API clients only (no messages, no other service's answers), so it needs no tolerant reader.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                // 1.5, 1.0 and 1e2 are not whole numbers.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // "2" is not 2.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // "" is not a missing number.
                .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // 7, 1.5 and true are not text (a customer id, a SKU).
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Jackson 3's defaults already; said here so that nobody has to know that.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
