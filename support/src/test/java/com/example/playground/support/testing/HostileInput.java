package com.example.playground.support.testing;

import com.example.playground.support.web.Identifier;
import java.util.List;
import org.instancio.Random;
import org.instancio.junit.GivenProvider;

/**
 * What a careless or hostile client sends: ids that are not {@link Identifier}s, quantities that are
 * not whole numbers in range, bodies that are not the JSON an endpoint expects, Idempotency-Keys
 * that are not tokens. Each generator draws from an Instancio {@link Random}, so a failing case is
 * reproduced by the seed the test reports. Every value drawn is bad by construction: a property
 * over them may assert that each one is refused.
 *
 * <p>Use as {@code @Given(HostileInput.BadIds.class) String id} in an {@code @InstancioSource}
 * parameterized test, or call the static methods with any {@code Random}.
 */
public final class HostileInput {

    /** The README's order: valid, so every variation of it below is bad only where it was changed. */
    public static final String VALID_ORDER = order("alice", "book", "1");

    private static final List<String> PATH_TRICKS = List.of("../../etc/passwd", "..", ".", "../", "..%2F..%2F",
            "a/b", "a\\b", "/", "%2e%2e", "%00", "book/../pen", "book?x=1", "book#x", "book;x=1", "%", "%G1");
    private static final List<String> ODD_CHARACTERS = List.of("/", "\\", "?", "#", "%", "&", "=", ";", " ", "+",
            ":", "@", "'", "\"", "<", ">", "*", "|", ",", "~", "!", "$", "(", ")", "{", "}", "[", "]", "^", "`",
            "é", "ß", "ü", "日本", "😀", "\u202E", "\u200B", "ａ", "\u0000", "\n", "\r\n", "\t", "\u001B", "\u007F");
    private static final List<String> ODD_STARTS = List.of("-", ".", "_", " ");
    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "alice'--", "book\"}", "");

    private HostileInput() {
    }

    /** An id that is not an {@link Identifier}: path tricks, odd characters, a bad start, too long, empty. */
    public static String badId(Random random) {
        String id = switch (random.intRange(0, 4)) {
            case 0 -> random.oneOf(PATH_TRICKS);
            case 1 -> {
                String around = random.alphanumeric(random.intRange(1, 8));
                int at = random.intRange(0, around.length());
                yield around.substring(0, at) + random.oneOf(ODD_CHARACTERS) + around.substring(at);
            }
            case 2 -> random.oneOf(ODD_STARTS) + random.alphanumeric(random.intRange(0, 8));
            case 3 -> random.alphanumeric(random.intRange(65, 300));
            default -> random.oneOf(INJECTIONS);
        };
        if (id.matches(Identifier.PATTERN)) {
            throw new IllegalStateException("Not a bad id: " + id);
        }
        return id;
    }

    /** A JSON value where a quantity (a whole number from 1 to 100,000) goes, that is not one. */
    public static String badQuantity(Random random) {
        return switch (random.intRange(0, 5)) {
            // Fractions, and whole numbers written as fractions: never rounded, never truncated.
            case 0 -> random.oneOf("1.5", "0.5", "2.0", "1e2", "1E0", "-1.5", "99.99", "1.0000001",
                    random.intRange(1, 1000) + "." + random.intRange(1, 99));
            case 1 -> random.oneOf("0", "-1", "-0", String.valueOf(-random.intRange(1, 1_000_000)));
            case 2 -> random.oneOf("100001", "2147483647", "2147483648", "99999999999999999999", "1e400",
                    String.valueOf(random.intRange(100_001, Integer.MAX_VALUE)));
            // Text, booleans and the rest are not numbers, even when they read like one.
            case 3 -> random.oneOf("\"2\"", "\"two\"", "\"\"", "\"1.5\"", "\" 1\"", "\"0x10\"");
            default -> random.oneOf("true", "false", "null", "[2]", "{}", "{\"value\": 2}");
        };
    }

    /** A body for {@code POST /api/orders} that is not the JSON it expects, though close to it. */
    public static String malformedOrder(Random random) {
        String valid = VALID_ORDER;
        return switch (random.intRange(0, 6)) {
            // Something after the value.
            case 0 -> valid + random.oneOf(" x", "}", "{}", "[]", ",", " 1", "\"a\"", " null", valid);
            // A property twice: which one would count?
            case 1 -> valid.replace("{\"customerId\": \"alice\",", "{\"customerId\": \"alice\", \"customerId\": \"bob\",");
            // A property the endpoint does not have: a typo or a guess is not dropped quietly.
            case 2 -> valid.replace("\"items\"", "\"" + random.oneOf("sagaStyle", "idempotencyKey", "customerID",
                    "quantitiy", "x" + random.alphanumeric(5)) + "\": 1, \"items\"");
            // Cut off anywhere.
            case 3 -> valid.substring(0, random.intRange(0, valid.length() - 1));
            // Another JSON value altogether.
            case 4 -> random.oneOf("[]", "[" + valid + "]", "\"order\"", "42", "null", "true");
            // Not JSON, though some parsers allow it.
            case 5 -> random.oneOf(valid.replace('"', '\''), valid.replace("\"quantity\": 1", "\"quantity\": 01"),
                    valid.replace("\"quantity\": 1", "\"quantity\": NaN"), valid.replace("]}", "],}"),
                    "/* order */ " + valid, valid.replace("\"customerId\"", "customerId"));
            // The right names with the wrong shapes.
            default -> random.oneOf(valid.replace("\"alice\"", random.oneOf("7", "true", "[\"alice\"]", "{\"id\": \"alice\"}")),
                    "{\"customerId\": \"alice\", \"items\": {\"sku\": \"book\", \"quantity\": 1}}",
                    "{\"customerId\": \"alice\", \"items\": [[\"book\", 1]]}",
                    valid.replace("\"book\"", random.oneOf("1", "false", "[\"book\"]")));
        };
    }

    /**
     * An Idempotency-Key that is not 1 to 200 visible ASCII characters, as far as an HTTP client can
     * send one: too long, empty, or with a space or tab inside. Never with surrounding spaces (HTTP
     * drops those on the way, so no server can see them), and never non-ASCII: the JDK's client
     * sends each such character as '?', which would make it a valid key.
     */
    public static String badIdempotencyKey(Random random) {
        return switch (random.intRange(0, 2)) {
            case 0 -> random.alphanumeric(random.intRange(201, 600));
            case 1 -> "";
            default -> random.alphanumeric(random.intRange(1, 10)) + random.oneOf(" ", "\t", "  ", " \t ")
                    + random.alphanumeric(random.intRange(1, 10));
        };
    }

    /** An order of one line, the three values as given: the ids quoted and escaped, the quantity as is. */
    public static String order(String customerId, String sku, String quantity) {
        return "{\"customerId\": " + quoted(customerId) + ", \"items\": [{\"sku\": " + quoted(sku)
                + ", \"quantity\": " + quantity + "}]}";
    }

    /** A JSON string holding exactly {@code text}, control characters and all. */
    public static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u%04x".formatted((int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Every byte of the text's UTF-8 as %XX, but for letters, digits and {@code -._~}: fit for a path segment or a query value. */
    public static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append("%02X".formatted(b & 0xFF));
            }
        }
        return encoded.toString();
    }

    /** For {@code @Given}: see {@link #badId}. */
    public static class BadIds implements GivenProvider {
        @Override
        public Object provide(ElementContext context) {
            return badId(context.random());
        }
    }

    /** For {@code @Given}: see {@link #badQuantity}. */
    public static class BadQuantities implements GivenProvider {
        @Override
        public Object provide(ElementContext context) {
            return badQuantity(context.random());
        }
    }

    /** For {@code @Given}: see {@link #malformedOrder}. */
    public static class MalformedOrders implements GivenProvider {
        @Override
        public Object provide(ElementContext context) {
            return malformedOrder(context.random());
        }
    }

    /** For {@code @Given}: see {@link #badIdempotencyKey}. */
    public static class BadIdempotencyKeys implements GivenProvider {
        @Override
        public Object provide(ElementContext context) {
            return badIdempotencyKey(context.random());
        }
    }
}
