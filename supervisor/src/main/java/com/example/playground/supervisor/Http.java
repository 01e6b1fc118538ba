package com.example.playground.supervisor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The one HTTP client of the supervisor, the scenarios and the control room: every call has a
 * connect timeout and a request timeout, and answers a status (0 when nothing answered), a body and
 * how long it took, never an exception.
 */
public final class Http {

    /** For questions a process answers at once or not at all: health, registrations, management. */
    public static final Duration QUICK = Duration.ofSeconds(5);
    /** For calls through the gateway, which may wait on a slow or broken service on purpose. */
    public static final Duration PATIENT = Duration.ofSeconds(15);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
    }

    public record Answer(int status, String body, Duration took, HttpHeaders headers) {

        static Answer none(String why, Duration took) {
            return new Answer(0, why, took, HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        public boolean ok() {
            return status == 200;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The body as a JSON tree (maps and lists); an empty object if it is not JSON. */
        public Object json() {
            return Json.object(body);
        }
    }

    public Answer get(String url) {
        // JSON where there is a choice; anything for endpoints that only speak text (Prometheus).
        return send(request(url).header("Accept", "application/json, */*;q=0.1").GET());
    }

    public Answer post(String url, String json) {
        return send(request(url).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String url) {
        return send(request(url).header("Accept", "application/json").DELETE());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), since(started), response.headers());
        } catch (IOException e) {
            return Answer.none(e.toString(), since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none("interrupted", since(started));
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
