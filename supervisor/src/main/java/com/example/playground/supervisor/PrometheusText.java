package com.example.playground.supervisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a Prometheus page ({@code /actuator/prometheus}) as name, labels and value: what the
 * control room's charts and its canary guard read. Comments and lines that are not a sample are left out.
 */
public final class PrometheusText {

    /** One sample: {@code spring_cloud_gateway_requests_seconds_count{routeId="orders",...} 12}. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String key) {
            return labels.get(key);
        }
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** The samples of the page whose name starts with {@code prefix}, in the page's order. */
    public static List<Sample> parse(String page, String prefix) {
        List<Sample> samples = new ArrayList<>();
        for (String line : page.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith(prefix)) {
                continue;
            }
            Matcher sample = LINE.matcher(trimmed);
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            try {
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            } catch (NumberFormatException notANumber) {
                // NaN and the infinities parse; anything else is not a sample
            }
        }
        return samples;
    }
}
