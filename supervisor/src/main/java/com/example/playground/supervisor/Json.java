package com.example.playground.supervisor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.jr.ob.JSON;

/**
 * JSON in and out for the supervisor, the scenarios and the control room, through jackson-jr: what
 * the services answer is read into plain maps and lists, and asked for by path. Small and quick to
 * load, so the CLI still starts in a blink.
 */
public final class Json {

    private static final JSON JR = JSON.std;
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** Maps, lists, strings, numbers, booleans or null; an {@link IllegalArgumentException} if it is not JSON. */
    public static Object parse(String text) {
        try {
            return JR.anyFrom(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Not JSON: " + abbreviate(text), e);
        }
    }

    /** The text as a JSON object, or empty if it is not one (an error page, nothing at all). */
    public static Map<String, Object> object(String text) {
        try {
            return text == null || text.isBlank() ? Map.of() : objectAt(JR.anyFrom(text));
        } catch (JacksonException e) {
            return Map.of();
        }
    }

    public static String write(Object value) {
        return JR.asString(value);
    }

    /** Indented for a terminal; text that is not JSON comes back as it was. */
    public static String pretty(String text) {
        try {
            return PRETTY.asString(JR.anyFrom(text));
        } catch (JacksonException e) {
            return text;
        }
    }

    /** The value at a path of keys (strings) and indexes (integers), if it is there. */
    public static Optional<Object> at(Object tree, Object... path) {
        Object node = tree;
        for (Object step : path) {
            if (node instanceof Map<?, ?> object && step instanceof String key) {
                node = object.get(key);
            } else if (node instanceof List<?> list && step instanceof Integer index && index >= 0 && index < list.size()) {
                node = list.get(index);
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(node);
    }

    /** The text at a path, or null: numbers and booleans as they are written. */
    public static String text(Object tree, Object... path) {
        return at(tree, path).map(String::valueOf).orElse(null);
    }

    /**
     * An amount at a path with its two decimals, as the service wrote it (JSON numbers are read back
     * as doubles here, so 9997.60 comes back as 9997.6), or null if there is none.
     */
    public static String money(Object tree, Object... path) {
        String text = text(tree, path);
        return text == null ? null : new java.math.BigDecimal(text).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The object at a path, or an empty one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> objectAt(Object tree, Object... path) {
        return at(tree, path).filter(Map.class::isInstance).map(node -> (Map<String, Object>) node).orElse(Map.of());
    }

    /** The list at a path, or an empty one. */
    @SuppressWarnings("unchecked")
    public static List<Object> listAt(Object tree, Object... path) {
        return at(tree, path).filter(List.class::isInstance).map(node -> (List<Object>) node).orElse(List.of());
    }

    private static String abbreviate(String text) {
        String shown = String.valueOf(text);
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
