package com.example.playground.system;

import com.example.playground.supervisor.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the {@code .http} format (VS Code's REST Client) the repository's request files use:
 * file variables ({@code @gateway = ...}), requests separated by {@code ###}, a request line, headers,
 * a body; {@code # @name placed} to refer to a response later ({@code {{placed.response.body.$.orderId}}}),
 * {@code {{$guid}}}; and {@code # expect 201}, this project's own comment, the status each must answer
 * ({@code # expect 200 within 10 s}: the same, once, for what comes about a moment after the request
 * before, as a saga does after its order: asked again until then).
 */
record HttpFile(Map<String, String> variables, List<Request> requests) {

    record Request(String title, String name, int expect, int withinSeconds, String method, String url,
                   Map<String, String> headers, String body) {
    }

    /** What a request answered once its variables were filled in. */
    record Sent(Request request, String url, int status, String body) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    static HttpFile read(Path file) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<Request> requests = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("###")) {
                add(block, requests);
                block = new ArrayList<>(List.of(line.substring(3).trim()));
            } else if (requests.isEmpty() && block.isEmpty() && line.matches("@\\w+\\s*=.*")) {
                variables.put(line.substring(1, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            } else if (!block.isEmpty()) {
                block.add(line);
            }
        }
        add(block, requests);
        return new HttpFile(variables, requests);
    }

    private static void add(List<String> block, List<Request> requests) {
        if (block.isEmpty()) {
            return;
        }
        String title = block.get(0);
        String name = null;
        int expect = 0;
        int within = 0;
        int at = 1;
        while (at < block.size() && (block.get(at).startsWith("#") || block.get(at).isBlank())) {
            String comment = block.get(at).replaceFirst("^#\\s*", "");
            if (comment.startsWith("@name ")) {
                name = comment.substring(6).trim();
            } else if (comment.startsWith("expect ")) {
                String[] words = comment.substring(7).trim().split("\\s+");
                expect = Integer.parseInt(words[0]);
                within = words.length >= 3 && words[1].equals("within") ? Integer.parseInt(words[2]) : 0;
            }
            at++;
        }
        String[] requestLine = block.get(at++).trim().split("\\s+");
        Map<String, String> headers = new LinkedHashMap<>();
        while (at < block.size() && !block.get(at).isBlank()) {
            String header = block.get(at++);
            headers.put(header.substring(0, header.indexOf(':')).trim(), header.substring(header.indexOf(':') + 1).trim());
        }
        String body = String.join("\n", block.subList(Math.min(at, block.size()), block.size())).trim();
        requests.add(new Request(title, name, expect, within, requestLine[0], requestLine[1], headers,
                body.isEmpty() ? null : body));
    }

    /** Sends every request in order, with these variables over the file's own; what each answered. */
    List<Sent> run(Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> values = new HashMap<>(variables);
        values.putAll(overrides);
        Map<String, Object> responses = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        List<Sent> sent = new ArrayList<>();
        for (Request request : requests) {
            String url = fill(request.url(), values, responses);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(fill(request.body(), values, responses)));
            request.headers().forEach((key, value) -> builder.header(key, fill(value, values, responses)));
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(request.withinSeconds()).toNanos();
            while (response.statusCode() != request.expect() && System.nanoTime() < deadline) {
                Thread.sleep(200); // the pace of asking again, not a wait for the answer: the loop checks it
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (request.name() != null) {
                responses.put(request.name(), Json.parse(response.body()));
            }
            sent.add(new Sent(request, url, response.statusCode(), response.body()));
        }
        return sent;
    }

    private static String fill(String text, Map<String, String> values, Map<String, Object> responses) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value;
            if (name.equals("$guid")) {
                value = UUID.randomUUID().toString();
            } else if (name.contains(".response.body.$.")) {
                String[] parts = name.split("\\.response\\.body\\.\\$\\.");
                value = Json.text(responses.get(parts[0]), (Object[]) parts[1].split("\\."));
            } else {
                value = values.get(name);
            }
            if (value == null) {
                throw new IllegalStateException("{{" + name + "}} has no value");
            }
            variable.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        variable.appendTail(filled);
        return filled.toString();
    }
}
