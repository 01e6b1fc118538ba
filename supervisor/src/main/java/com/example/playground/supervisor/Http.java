package com.example.playground.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one HTTP client of the supervisor, the scenarios and the control room: every call has a
 * connect timeout and a request timeout, and answers a status (0 when nothing answered), a body and
 * how long it took, never an exception.
 *
 * <p>Built on {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the CLI starts a JVM
 * for every command, and six health questions took ~140 ms from a cold JVM this way against ~720 ms
 * with {@code HttpClient}, most of it that client's own set-up.
 */
public final class Http {

    /** For questions a process answers at once or not at all: health, registrations, management. */
    public static final Duration QUICK = Duration.ofSeconds(5);
    /** For calls through the gateway, which may wait on a slow or broken service on purpose. */
    public static final Duration PATIENT = Duration.ofSeconds(15);

    private static final int CONNECT_TIMEOUT_MS = 1000;

    static {
        // HttpURLConnection sends a failed POST again on its own: an order must never be placed twice.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
    }

    public record Answer(int status, String body, Duration took, Map<String, List<String>> headers) {

        static Answer none(String why, Duration took) {
            return new Answer(0, why, took, Map.of());
        }

        public boolean ok() {
            return status == 200;
        }

        /** A response header, whatever the case of its name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream()).findFirst();
        }

        /** The body as a JSON tree (maps and lists); an empty object if it is not JSON. */
        public Object json() {
            return Json.object(body);
        }
    }

    public Answer get(String url) {
        return get(url, Map.of());
    }

    /** A GET with these request headers too. */
    public Answer get(String url, Map<String, String> headers) {
        // JSON where there is a choice; anything for endpoints that only speak text (Prometheus).
        return send("GET", url, "application/json, */*;q=0.1", null, headers);
    }

    public Answer post(String url, String json) {
        return send("POST", url, "application/json", json, Map.of());
    }

    public Answer delete(String url) {
        return send("DELETE", url, "application/json", null, Map.of());
    }

    private Answer send(String method, String url, String accept, String json, Map<String, String> headers) {
        long started = System.nanoTime();
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", accept);
            headers.forEach(connection::setRequestProperty);
            if (json != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            return new Answer(status, body(connection, status), since(started), connection.getHeaderFields());
        } catch (IOException | IllegalArgumentException e) {
            return Answer.none(e.toString(), since(started));
        }
    }

    private static String body(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code http://127.0.0.1:PORT/PATH}: everything of ours is on loopback. */
    public static String local(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
