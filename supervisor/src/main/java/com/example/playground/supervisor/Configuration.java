package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Externalized configuration: any setting of a Spring app of the stack (the services, the gateway,
 * discovery) changed at run time, without a rebuild or a class-data retrain. The settings go into
 * the app's {@link Overlay} file, which the app imports over its packaged ones; a running app then
 * takes them either live, through {@code /actuator/refresh} on its management port (the settings
 * known to refresh, {@link #LIVE}), or by a restart of each of its instances (everything else:
 * ports, database, Kafka, saga deadlines, HTTP client timeouts, Eureka timings, the gateway). Either
 * way each instance must then report the new values on {@code /actuator/env}.
 *
 * <p>Bad input changes nothing: an unknown app or a malformed setting is refused before anything is
 * written, and a value the app refuses (its refresh fails, or it does not start) puts the previous
 * file back and applies that again, so the previous settings are in force, never half of the new.
 *
 * <p>Just over 300 lines on purpose: check, write, apply, confirm and put back are one transaction
 * over the overlay; split, its roll-back path would cross classes.
 */
public final class Configuration {

    /**
     * What applying settings did: live (refreshed, no restart) or restarted, and how long it took.
     * Nothing to apply (the same values again): live, zero. The app not running: not live, zero;
     * the settings apply when it starts.
     */
    public record Applied(String app, boolean live, Duration took) {
    }

    /** How long a restarted instance may take to be ready again before its new settings count as refused. */
    static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);

    /**
     * The settings a service's {@code /actuator/refresh} applies (checked by order-service's
     * SettingsOverlayIntegrationTests): Resilience4j's registries are refresh-scoped and rebuilt from
     * the new values, log levels are set again, and support's RefreshableSampler takes the tracing
     * sampling probability (a value it cannot use fails the refresh). Only in the services; the
     * gateway's breakers keep the configuration Spring Cloud CircuitBreaker read at start, so the
     * gateway restarts.
     */
    static final Pattern LIVE = Pattern.compile(
            "resilience4j\\.(circuitbreaker|retry|bulkhead|thread-pool-bulkhead|timelimiter)\\.(configs|instances)\\..+"
                    + "|logging\\.level\\..+"
                    + "|management\\.tracing\\.sampling\\.probability");

    /** After a live change, the endpoint that must answer: it builds the rebuilt registry, so a value it refuses shows. */
    private static final Map<String, String> PROBES = Map.of(
            "circuitbreaker", "/actuator/circuitbreakers",
            "retry", "/actuator/retries",
            "bulkhead", "/actuator/bulkheads",
            "thread-pool-bulkhead", "/actuator/bulkheads",
            "timelimiter", "/actuator/timelimiters");

    private final StateFolder state;
    private final Stack stack;
    private final Predicate<Component> running;
    private final Consumer<Component> restart;
    private final Function<Component, List<String>> commandLineKeys;
    private final Http http = new Http(Http.PATIENT);

    Configuration(StateFolder state, Stack stack, Predicate<Component> running, Consumer<Component> restart,
            Function<Component, List<String>> commandLineKeys) {
        this.state = state;
        this.stack = stack;
        this.running = running;
        this.restart = restart;
        this.commandLineKeys = commandLineKeys;
    }

    /** The apps that take settings: the Spring apps of the stack, by module name. */
    public List<String> apps() {
        return stack.components().stream().filter(c -> c.kind().isSpringApp()).map(Component::module).distinct().toList();
    }

    /** The settings in force beyond the packaged defaults, by key. */
    public Map<String, String> overlay(String app) {
        return overlayOf(app).read();
    }

    /** The app's overlay file, {@code <state>/config/<app>.properties}. */
    public Path file(String app) {
        return overlayOf(app).file();
    }

    /** The settings {@code config show} lists for an app, with what each does (any other can be set too). */
    public Map<String, String> wellKnown(String app) {
        overlayOf(app); // refuses an app that takes no settings
        return WellKnownSettings.of(app);
    }

    /** Whether any instance of the app runs. */
    public boolean running(String app) {
        return !runningInstances(app).isEmpty();
    }

    /**
     * Writes the settings into the app's overlay and applies them: live or by restarting each
     * running instance. Before the stack runs it only writes them; they apply when the app starts.
     */
    public Applied set(String app, Map<String, String> settings) {
        Overlay overlay = overlayOf(app);
        Map<String, String> after = new TreeMap<>(overlay.read());
        settings.forEach((key, value) -> {
            Overlay.check(key, value);
            refuseCommandLineKey(app, key);
            after.put(key, value.strip());
        });
        return apply(app, overlay, after);
    }

    /**
     * Writes settings into the app's overlay for its next start, and applies nothing: for settings the
     * caller has applied live through an endpoint of the app itself (the strangler's shares, which the
     * gateway changes without a refresh or a restart). A value equal to the packaged one leaves the
     * overlay instead, so a rollback leaves nothing for {@code config diff} to show.
     */
    public void remember(String app, Map<String, String> settings) {
        Overlay overlay = overlayOf(app);
        Map<String, String> after = new TreeMap<>(overlay.read());
        settings.forEach((key, value) -> {
            Overlay.check(key, value);
            if (value.strip().equals(packaged(app, key))) {
                after.remove(key);
            } else {
                after.put(key, value.strip());
            }
        });
        overlay.write(after, running(app));
    }

    /** Takes these keys out of the app's overlay, so their packaged values are in force again, and applies that. */
    public Applied unset(String app, String... keys) {
        Overlay overlay = overlayOf(app);
        Map<String, String> after = new TreeMap<>(overlay.read());
        List.of(keys).forEach(after::remove);
        return apply(app, overlay, after);
    }

    /** Removes the app's overlay, so its packaged settings are in force again, and applies that. */
    public Applied reset(String app) {
        return apply(app, overlayOf(app), Map.of());
    }

    /** Every overlay removed; the apps whose overlay held settings get their packaged ones back. */
    public void resetAll() {
        apps().stream().filter(app -> !overlay(app).isEmpty()).forEach(this::reset);
    }

    /** The value the running app has for the key ({@code /actuator/env}), null if it has none. */
    public String effective(String app, String key) {
        return Json.text(env(app, key), "property", "value");
    }

    /**
     * The value the app would have without its overlay (its packaged settings, its command line),
     * null if none sets it (the code's default then holds). Asked of the running app.
     */
    public String packaged(String app, String key) {
        String overlayFile = overlayOf(app).file().toString();
        return Json.listAt(env(app, key), "propertySources").stream()
                .filter(source -> Json.at(source, "property").isPresent())
                .filter(source -> !String.valueOf(Json.text(source, "name")).contains(overlayFile))
                .map(source -> Json.text(source, "property", "value"))
                .findFirst().orElse(null);
    }

    private Applied apply(String app, Overlay overlay, Map<String, String> after) {
        Map<String, String> before = overlay.read();
        Set<String> changed = new LinkedHashSet<>(before.keySet());
        changed.addAll(after.keySet());
        changed.removeIf(key -> Objects.equals(before.get(key), after.get(key)));
        List<Component> instances = runningInstances(app);
        if (changed.isEmpty()) {
            return new Applied(app, true, Duration.ZERO);
        }
        overlay.write(after, !instances.isEmpty());
        if (instances.isEmpty()) {
            return new Applied(app, false, Duration.ZERO);
        }
        boolean live = instances.get(0).kind() == Kind.SERVICE && changed.stream().allMatch(key -> LIVE.matcher(key).matches());
        Instant started = Instant.now();
        try {
            applyTo(instances, live, changed);
            confirm(instances, overlay, after, changed);
        } catch (PlaygroundException refused) {
            overlay.write(before, true);
            try {
                applyTo(instances, live, changed);
            } catch (PlaygroundException again) {
                throw new PlaygroundException("%s refused %s: %s%nPutting the previous settings back failed too: %s"
                        .formatted(app, describe(changed, after), refused.getMessage(), again.getMessage()),
                        PlaygroundException.FAILED);
            }
            throw new PlaygroundException("%s refused %s: %s%nThe previous settings are in force again."
                    .formatted(app, describe(changed, after), refused.getMessage()), PlaygroundException.USAGE);
        }
        return new Applied(app, live, Duration.between(started, Instant.now()));
    }

    /** Live: a refresh of each instance, then the endpoints of what changed. Otherwise: each instance restarted in turn. */
    private void applyTo(List<Component> instances, boolean live, Set<String> changed) {
        for (Component c : instances) {
            if (!live) {
                try {
                    restart.accept(c);
                } catch (PlaygroundException e) {
                    throw new PlaygroundException("it did not start again (%s): %s".formatted(
                            e.getMessage().lines().findFirst().orElse(""), reason(c)), PlaygroundException.FAILED);
                }
                continue;
            }
            Http.Answer refreshed = http.post(url(c, "/actuator/refresh"), "");
            if (!refreshed.ok()) {
                throw new PlaygroundException("its refresh failed (HTTP %d): %s".formatted(refreshed.status(), reason(c)),
                        PlaygroundException.FAILED);
            }
            for (String probe : probes(changed)) {
                Http.Answer answer = http.get(url(c, probe));
                if (!answer.ok()) {
                    throw new PlaygroundException("%s answers HTTP %d after the refresh: %s".formatted(probe,
                            answer.status(), reason(c)), PlaygroundException.FAILED);
                }
            }
        }
    }

    /** Each instance reports the new values, and a removed key no longer from the overlay. */
    private void confirm(List<Component> instances, Overlay overlay, Map<String, String> after, Set<String> changed) {
        for (Component c : instances) {
            for (String key : changed) {
                Object env = env(c, key);
                String value = Json.text(env, "property", "value");
                String source = String.valueOf(Json.text(env, "property", "source"));
                boolean fromOverlay = source.contains(overlay.file().toString());
                boolean took = after.containsKey(key) ? fromOverlay && after.get(key).equals(value) : !fromOverlay;
                if (!took) {
                    throw new PlaygroundException("%s reports %s=%s (from %s)".formatted(c.name(), key, value, source),
                            PlaygroundException.FAILED);
                }
            }
        }
    }

    /**
     * Why an instance refused: the message of the last exception its log shows since it was last
     * started (the root cause, which Java prints last), and where to read more.
     */
    private String reason(Component c) {
        String why = "see its log";
        for (String line : state.tail(c.name(), 300).split("\n")) {
            int at = line.lastIndexOf("Exception: ");
            if (line.startsWith("=== ")) {
                why = "see its log";
            } else if (at >= 0) {
                why = line.substring(at + "Exception: ".length()).strip();
            }
        }
        return "%s (%s)".formatted(why, state.relative(state.logOf(c.name())));
    }

    private static Set<String> probes(Set<String> changed) {
        return changed.stream().map(LIVE::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .filter(Objects::nonNull).map(PROBES::get).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void refuseCommandLineKey(String app, String key) {
        Component first = stack.components().stream().filter(c -> c.module().equals(app)).findFirst().orElseThrow();
        if (commandLineKeys.apply(first).contains(key)) {
            throw new PlaygroundException(("%s is set on %s's command line by the supervisor, which wins over the overlay; "
                    + "it cannot be changed here.").formatted(key, app), PlaygroundException.USAGE);
        }
    }

    private Object env(String app, String key) {
        return env(runningInstances(app).stream().findFirst().orElseThrow(() -> new PlaygroundException(
                app + " is not running.", PlaygroundException.FAILED)), key);
    }

    /** {@code /actuator/env/{key}} of one instance: the value in force, and every source that sets it. */
    private Object env(Component c, String key) {
        Http.Answer answer = http.get(url(c, "/actuator/env/" + URLEncoder.encode(key, StandardCharsets.UTF_8)));
        if (answer.status() == 404) {
            return Map.of();
        }
        if (!answer.ok()) {
            throw new PlaygroundException("%s did not answer /actuator/env (HTTP %d).".formatted(c.name(), answer.status()),
                    PlaygroundException.FAILED);
        }
        return answer.json();
    }

    private Overlay overlayOf(String app) {
        if (!apps().contains(app)) {
            throw new PlaygroundException("No app '%s' takes settings. Apps: %s".formatted(app, String.join(", ", apps())),
                    PlaygroundException.USAGE);
        }
        return new Overlay(state.config(), app);
    }

    private List<Component> runningInstances(String app) {
        return stack.components().stream().filter(c -> c.module().equals(app) && running.test(c)).toList();
    }

    private static String url(Component c, String path) {
        return Http.local(c.managementPort(), path);
    }

    private static String describe(Set<String> changed, Map<String, String> after) {
        return changed.stream().map(key -> after.containsKey(key) ? key + "=" + after.get(key) : "removing " + key)
                .collect(Collectors.joining(", "));
    }
}
