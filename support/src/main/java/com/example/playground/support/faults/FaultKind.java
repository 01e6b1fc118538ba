package com.example.playground.support.faults;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ways a target can be broken, each declared here once: its name (the CLI's {@code --name} and
 * the JSON key), the value it takes, what it does, and presets for the control room's buttons.
 * {@code /actuator/faults} lists them, so the CLI, the control room and the scenarios only pass
 * settings through by name. Adding a kind: a constant here, a field and a case in {@link Fault},
 * its effect in {@link Faults#inject}.
 */
enum FaultKind {

    LATENCY("latency", "MS or MIN-MAX", "every call waits that many milliseconds first (a random value in a range)",
            orderedPresets("Slow 2 s", "2000")),
    ERROR_RATE("error-rate", "0..1", "that share of calls fails, evenly spread (0.2: every fifth call)",
            orderedPresets("Errors 100 %", "1", "Errors 50 %", "0.5")),
    HANG("hang", "true", "every call waits until the fault is healed (or its caller gives up)",
            orderedPresets("Hang", "true"));

    private final String id;
    private final String value;
    private final String effect;
    private final Map<String, String> presets;

    FaultKind(String id, String value, String effect, Map<String, String> presets) {
        this.id = id;
        this.value = value;
        this.effect = effect;
        this.presets = presets;
    }

    /** The name in settings, on the command line ({@code --error-rate}) and in JSON. */
    public String id() {
        return id;
    }

    /** What the value looks like, for help texts. */
    public String value() {
        return value;
    }

    public String effect() {
        return effect;
    }

    /** Button label to value, for the control room. */
    public Map<String, String> presets() {
        return presets;
    }

    static FaultKind named(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No fault kind '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(FaultKind::id).toList())));
    }

    private static Map<String, String> orderedPresets(String... labelsAndValues) {
        Map<String, String> presets = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            presets.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return presets;
    }
}
