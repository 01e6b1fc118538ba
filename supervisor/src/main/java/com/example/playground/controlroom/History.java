package com.example.playground.controlroom;

import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PrometheusText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The control room's charts over the last minutes: each time the snapshot reads the Prometheus
 * pages, the counters and gauges the charts need are kept as one sample; the charts are the
 * differences between samples, so a restart (counters from zero) leaves a gap, not a dive.
 * Kept: per gateway route its requests, its 5xx and its latency buckets (the gateway's SLO
 * buckets); per saga style and outcome the sagas ended; per service the outbox's waiting
 * messages; per consumer group its lag. With the activity list's entries as marks, so a viewer
 * sees what was done and what followed.
 */
final class History {

    static final Duration KEPT = Duration.ofMinutes(10);
    static final String REQUESTS = "spring_cloud_gateway_requests_seconds_count";
    static final String BUCKETS = "spring_cloud_gateway_requests_seconds_bucket";
    static final String SAGAS = "playground_saga_duration_seconds_count";
    static final String OUTBOX = "playground_outbox_pending";

    /** One look: counters (requests, errors, buckets, sagas) and gauges (outbox, lag) by series. */
    record Sample(Instant at, Map<String, Double> counters, Map<String, Double> gauges) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Supplier<List<Activity.Mark>> marks;

    History(Supplier<List<Activity.Mark>> marks) {
        this.marks = marks;
    }

    /** Keeps what the charts need of one reading: Prometheus pages by process, and the partitions' view. */
    synchronized void record(Instant at, Map<String, Object> prometheusByProcess, List<Map<String, Object>> partitions) {
        Map<String, Double> counters = new TreeMap<>();
        Map<String, Double> gauges = new TreeMap<>();
        prometheusByProcess.forEach((process, page) -> {
            List<PrometheusText.Sample> read = new ArrayList<>(PrometheusText.parse(String.valueOf(page), "spring_cloud_gateway_requests_seconds_"));
            read.addAll(PrometheusText.parse(String.valueOf(page), "playground_"));
            for (PrometheusText.Sample s : read) {
                String route = s.label("routeId");
                if (s.name().equals(REQUESTS) && route != null) {
                    counters.merge("requests|" + route, s.value(), Double::sum);
                    if ("SERVER_ERROR".equals(s.label("outcome"))) {
                        counters.merge("errors|" + route, s.value(), Double::sum);
                    }
                } else if (s.name().equals(BUCKETS) && route != null && s.label("le") != null) {
                    counters.merge("le|" + route + "|" + s.label("le"), s.value(), Double::sum);
                } else if (s.name().equals(SAGAS) && s.label("style") != null) {
                    counters.merge("sagas|" + s.label("style") + " " + s.label("outcome"), s.value(), Double::sum);
                } else if (s.name().equals(OUTBOX)) {
                    gauges.merge("outbox|" + process, s.value(), Double::sum);
                }
            }
        });
        for (Map<String, Object> topic : partitions) {
            for (Object reader : Json.listAt(topic, "readers")) {
                double lag = Json.listAt(reader, "cells").stream()
                        .mapToDouble(cell -> Json.at(cell, "lag").filter(Number.class::isInstance)
                                .map(n -> ((Number) n).doubleValue()).orElse(0.0)).sum();
                gauges.merge("lag|" + Json.text(reader, "group"), lag, Double::sum);
            }
        }
        samples.addLast(new Sample(at, counters, gauges));
        while (samples.peekFirst().at().isBefore(at.minus(KEPT))) {
            samples.removeFirst();
        }
    }

    /**
     * The charts' series, each a list of {@code [epoch millis, value]}: requests and server errors a
     * second per route, the p99 latency per route (the upper bound of the bucket that holds it),
     * sagas ended a second per style and outcome, the outbox's waiting messages per service, the lag
     * per consumer group; and the marks of the same minutes.
     */
    synchronized Map<String, Object> view() {
        Map<String, Map<String, List<List<Double>>>> charts = new LinkedHashMap<>();
        for (String chart : List.of("requests", "errors", "p99", "sagas", "outbox", "lag")) {
            charts.put(chart, new TreeMap<>());
        }
        Sample before = null;
        for (Sample now : samples) {
            double at = now.at().toEpochMilli();
            now.gauges().forEach((key, value) -> point(charts, key, at, value));
            if (before != null) {
                double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
                for (Map.Entry<String, Double> counter : now.counters().entrySet()) {
                    Double then = before.counters().get(counter.getKey());
                    if (then == null || counter.getValue() < then || seconds <= 0 || counter.getKey().startsWith("le|")) {
                        continue; // new, restarted, or a bucket (read below)
                    }
                    point(charts, counter.getKey(), at, (counter.getValue() - then) / seconds);
                }
                p99(before, now).forEach((route, bound) -> point(charts, "p99|" + route, at, bound));
            }
            before = now;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        Instant to = samples.isEmpty() ? Instant.now() : samples.peekLast().at();
        // From the first reading kept: a page opened a minute ago shows its minute across the width.
        view.put("from", samples.isEmpty() ? to.minus(KEPT).toEpochMilli() : samples.peekFirst().at().toEpochMilli());
        view.put("to", to.toEpochMilli());
        view.put("charts", charts);
        view.put("marks", marks.get().stream().map(m -> Map.of("at", m.at().toEpochMilli(), "text", m.text())).toList());
        return view;
    }

    /** Per route, the smallest bucket bound that holds 99 % of the requests between two samples. */
    static Map<String, Double> p99(Sample before, Sample now) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        now.counters().forEach((key, value) -> {
            if (key.startsWith("le|")) {
                String[] parts = key.split("\\|");
                Double then = before.counters().get(key);
                if (then != null && value >= then) {
                    double bound = parts[2].equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(parts[2]);
                    buckets.computeIfAbsent(parts[1], r -> new TreeMap<>()).put(bound, value - then);
                }
            }
        });
        Map<String, Double> p99 = new TreeMap<>();
        buckets.forEach((route, byBound) -> {
            double all = byBound.lastEntry().getValue(); // +Inf holds every request
            if (all <= 0) {
                return;
            }
            byBound.entrySet().stream().filter(e -> e.getValue() >= 0.99 * all && !e.getKey().isInfinite()).findFirst()
                    .ifPresent(e -> p99.put(route, e.getKey()));
        });
        return p99;
    }

    private static void point(Map<String, Map<String, List<List<Double>>>> charts, String key, double at, double value) {
        int bar = key.indexOf('|');
        String chart = key.substring(0, bar);
        charts.get(chart).computeIfAbsent(key.substring(bar + 1), series -> new ArrayList<>()).add(List.of(at, value));
    }
}
