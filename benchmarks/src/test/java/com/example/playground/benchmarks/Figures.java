package com.example.playground.benchmarks;

import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The figures a simulation hands to {@code ./playground bench}, written as JSON to the file named by
 * {@code -Dbench.figures} when the simulation ends. Gatling's HTML report shows the same run with
 * charts, but since Gatling 3.12 it keeps its numbers only inside the page and a binary log, so
 * each request's answer (status and response time, from Gatling's own checks) is also noted here.
 */
final class Figures {

    /** Session keys the checks save into: see {@link #noted}. */
    static final String STATUS = "benchStatus";
    static final String MILLIS = "benchMillis";

    private record Call(long endedAt, int status, int millis) {
    }

    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    /** Notes the answer of the request just made (a status of 0: no answer at all, e.g. refused or timed out). */
    Session noted(String request, Session session) {
        int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
        int millis = session.contains(MILLIS) ? session.getInt(MILLIS) : -1;
        List<Call> list = calls.computeIfAbsent(request, name -> java.util.Collections.synchronizedList(new ArrayList<>()));
        list.add(new Call(System.currentTimeMillis(), status, millis));
        return session.remove(STATUS).remove(MILLIS);
    }

    /** Writes the JSON: per request, how many, by status, the response-time percentiles and the span of time they took. */
    void write() {
        String file = BenchSettings.text("figures", "");
        if (file.isEmpty()) {
            return;
        }
        String json = calls.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":" + summary(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        try {
            Files.writeString(Path.of(file), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String summary(List<Call> noted) {
        List<Call> all;
        synchronized (noted) {
            all = new ArrayList<>(noted);
        }
        Map<Integer, Long> byStatus = new TreeMap<>(all.stream().collect(Collectors.groupingBy(Call::status,
                Collectors.counting())));
        List<Integer> millis = all.stream().map(Call::millis).filter(m -> m >= 0).sorted().toList();
        long first = all.stream().mapToLong(c -> c.endedAt() - Math.max(c.millis(), 0)).min().orElse(0);
        long last = all.stream().mapToLong(Call::endedAt).max().orElse(0);
        return "{\"count\":%d,\"byStatus\":{%s},\"p50\":%d,\"p95\":%d,\"p99\":%d,\"max\":%d,\"firstSentAt\":%d,\"lastAnsweredAt\":%d}"
                .formatted(all.size(),
                        byStatus.entrySet().stream().map(s -> "\"" + s.getKey() + "\":" + s.getValue())
                                .collect(Collectors.joining(",")),
                        rank(millis, 50), rank(millis, 95), rank(millis, 99),
                        millis.isEmpty() ? -1 : millis.get(millis.size() - 1), first, last);
    }

    /** Nearest-rank percentile of sorted values; -1 if there are none. */
    static int rank(List<Integer> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
