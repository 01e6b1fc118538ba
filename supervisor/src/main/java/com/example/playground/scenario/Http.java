package com.example.playground.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP client of the scenarios and the control room's demo traffic: every call answers a
 * status (0 when nothing answered), a body and a duration.
 */
public final class Http {

    public record Answer(int status, String body, Duration took, String retryAfter) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Answer post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(0, e.toString(), Duration.ofNanos(System.nanoTime() - started), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
