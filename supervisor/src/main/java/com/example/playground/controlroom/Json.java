package com.example.playground.controlroom;

import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the control room without a JSON library in the supervisor: quoting strings,
 * writing objects whose values are already JSON, and reading one flat field of a small request.
 * What services answer is passed to the page as it came; the page's script reads it.
 */
final class Json {

    private Json() {
    }

    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** An object from names to values that are JSON already. */
    static String object(Map<String, String> fields) {
        StringJoiner joiner = new StringJoiner(",", "{", "}");
        fields.forEach((name, json) -> joiner.add(string(name) + ":" + (json == null ? "null" : json)));
        return joiner.toString();
    }

    /** A top-level string, number or boolean field of a small flat JSON object (a request body). */
    static Optional<String> field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE+]+|true|false)")
                .matcher(json);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(1));
    }

    /** Whether a text looks like a JSON object or array, so it can be embedded as it is. */
    static boolean looksLikeJson(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.startsWith("{") || trimmed.startsWith("[");
    }
}
