package com.example.playground.support.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read: exactly as written, or not at all. A client's mistake is refused
 * (400 {@code malformed-request}) instead of being guessed at: {@code 1.5} is not the quantity 1,
 * {@code "2"} is not a number, {@code 7} is not a customer id, a key given twice or a property this
 * endpoint does not have (a typo such as {@code "sagaStyle"}) is not quietly dropped, and nothing
 * may follow the JSON value. See docs/decisions.md, "Request bodies are read strictly".
 *
 * <p>Only the public API reads this strictly. The application's own {@link JsonMapper} (Kafka
 * messages, answers of the other services) stays a tolerant reader, so a service can add a field to
 * what it sends without breaking the services that read it.
 */
final class StrictJson {

    private StrictJson() {
    }

    static JsonMapper from(JsonMapper shared) {
        return shared.rebuild()
                // 1.5, 1.0 and 1e2 are not whole numbers.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // "2" is not 2, and "true" is not true.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // "" is not a missing number.
                .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // 7, 1.5 and true are not text (an id, a SKU, a saga style).
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Jackson 3's defaults already; said here so that nobody has to know that.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
