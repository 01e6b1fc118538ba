package com.example.playground.bench;

import com.example.playground.supervisor.PlaygroundException;
import java.util.List;

/**
 * What {@code ./playground bench} is asked for: the arrival rate of orders and how long it lasts per
 * saga style, the styles, and the clients and seconds of the gateway/direct comparison.
 * {@code --smoke} is a few seconds of everything: it proves the harness, not the system.
 */
public record BenchOptions(double rate, int seconds, List<String> styles, double sampling, int clients,
                           int ratioSeconds, int warmUpSeconds, int drainSeconds, boolean smoke) {

    static final List<String> STYLES = List.of("orchestration", "choreography");

    public BenchOptions {
        if (!(rate > 0 && rate <= 1000)) {
            throw usage("--rate takes orders per second, more than 0 and at most 1000, not " + rate);
        }
        if (seconds < 1 || seconds > 600) {
            throw usage("--duration takes seconds from 1 to 600, not " + seconds);
        }
        // What Brave takes: 0, or 0.01 to 1 (see support's RefreshableSampler).
        if (!(sampling == 0 || (sampling >= 0.01 && sampling <= 1))) {
            throw usage("--sampling takes a probability: 0, or 0.01 to 1, not " + sampling);
        }
        if (styles.isEmpty() || !STYLES.containsAll(styles)) {
            throw usage("--saga takes orchestration, choreography or both, not " + styles);
        }
    }

    /**
     * The figures the issue asks about: 50 orders/s for 60 s per style, 32 clients for 10 s each way.
     * One trace in ten is kept by default, as a production system would sample; {@code --sampling 1}
     * measures the demo's setting, every request traced.
     */
    public static BenchOptions of(String rate, String duration, String saga, String sampling, boolean smoke) {
        double probability = number(sampling, "0.1", "--sampling");
        if (smoke) {
            return new BenchOptions(number(rate, "5", "--rate"), (int) number(duration, "3", "--duration"),
                    styles(saga), probability, 4, 2, 1, 30, true);
        }
        return new BenchOptions(number(rate, "50", "--rate"), (int) number(duration, "60", "--duration"),
                styles(saga), probability, 32, 10, 3, 60, false);
    }

    private static List<String> styles(String saga) {
        if (saga == null || saga.equals("both")) {
            return STYLES;
        }
        return List.of(saga);
    }

    private static double number(String value, String fallback, String option) {
        String text = value == null ? fallback : value;
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw usage(option + " takes a number, not '" + text + "'");
        }
    }

    private static PlaygroundException usage(String message) {
        return new PlaygroundException(message + ".", PlaygroundException.USAGE);
    }
}
