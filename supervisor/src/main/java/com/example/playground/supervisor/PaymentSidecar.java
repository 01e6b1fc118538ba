package com.example.playground.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The payment sidecar: HAProxy beside payment-service, holding the timeout, the retries and the
 * breaker of its calls to the payment provider, so the service keeps none of them
 * (docs/patterns/sidecar.md). Its configuration is the repository's {@code sidecar/} folder as it
 * is, read by HAProxy itself; the supervisor only writes, into a small first file, the ports of
 * this stack that it reads as variables.
 */
public final class PaymentSidecar {

    public static final String NAME = "payment-sidecar";
    /** The service it sits beside: its first instance calls the provider through it. */
    static final String SERVICE = "payment-service";
    /** The simulated provider's port while the sidecar runs (its backend); otherwise any free port. */
    private static final int PROVIDER_PORT = 8087;

    private PaymentSidecar() {
    }

    /** The oldest HAProxy its configuration works with: set-var-fmt, httpclient and its Lua API came in 2.5 and 2.6. */
    private static final int[] OLDEST = {2, 6};
    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)");
    /** The provider's server in the configuration: backend payment_provider, server provider. */
    private static final String SERVER = "proxy=\"payment_provider\"";

    /**
     * Why the sidecar cannot run here, or empty: HAProxy missing, or older than the configuration
     * needs (Ubuntu 22.04 has 2.4), asked of {@code haproxy -v} itself.
     */
    public static Optional<String> cannotRun() {
        Optional<Path> haproxy = executable();
        if (haproxy.isEmpty()) {
            return Optional.of("HAProxy is not installed (Debian and Ubuntu: sudo apt-get install haproxy)");
        }
        String printed;
        try {
            Process version = new ProcessBuilder(haproxy.get().toString(), "-v").redirectErrorStream(true).start();
            printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            return Optional.of("HAProxy at " + haproxy.get() + " did not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking HAProxy its version");
        }
        Matcher found = VERSION.matcher(printed);
        if (!found.find()) {
            return Optional.of("HAProxy at " + haproxy.get() + " did not say its version");
        }
        int major = Integer.parseInt(found.group(1));
        int minor = Integer.parseInt(found.group(2));
        boolean recentEnough = major > OLDEST[0] || (major == OLDEST[0] && minor >= OLDEST[1]);
        return recentEnough ? Optional.empty() : Optional.of("HAProxy " + major + "." + minor + " is installed; the"
                + " sidecar's configuration needs " + OLDEST[0] + "." + OLDEST[1] + " or newer");
    }

    /**
     * Whether the sidecar sends calls to the provider now (its server UP), by its own Prometheus
     * metrics. A sidecar that does not answer its metrics counts as in service: not answering is
     * not the same as having taken the provider out.
     */
    public static boolean providerInService(Component sidecar) {
        return metric(sidecar, "haproxy_server_status", SERVER, "state=\"UP\"").map(up -> up == 1).orElse(true);
    }

    /**
     * The calls payment-service made to the provider's address (with the sidecar, the sidecar's), by
     * its own metric: one per payment whatever the sidecar did behind it.
     */
    public static double callsFromService(Management management) {
        return management.metric(SERVICE, "http.client.requests", Map.of("uri", "/authorizations"));
    }

    /**
     * Calls the sidecar sent to the provider again. HAProxy 2.6's exporter counts each retry of an
     * answer (a 503) twice and a retry of a connection once (measured); this halves it, right for
     * retries of answers, which are what the scenario and the lab make.
     */
    public static double answerRetries(Component sidecar) {
        return metric(sidecar, "haproxy_backend_retry_warnings_total", SERVER).orElse(0.0) / 2;
    }

    /** The sum of a metric's samples whose labels contain all of these; empty if the sidecar does not answer. */
    private static Optional<Double> metric(Component sidecar, String name, String... labels) {
        Http.Answer answer = new Http(Http.QUICK).get(Http.local(sidecar.managementPort(), "/metrics"));
        if (!answer.ok()) {
            return Optional.empty();
        }
        double sum = 0;
        for (String line : answer.body().split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                    && Stream.of(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Optional.of(sum);
    }

    /** HAProxy's executable: on the PATH, or where Debian puts it (sbin, not on every user's PATH). */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The configuration HAProxy runs, in the repository. */
    static Path configuration(StateFolder state) {
        return state.home().resolve("sidecar").resolve("payment-sidecar.cfg");
    }

    /**
     * HAProxy's command line: in the foreground ({@code -db}, so the pid is the proxy's and its log
     * goes to the sidecar's log file), marked as ours by a name it does not use otherwise.
     */
    static List<String> command(StateFolder state, Stack stack, Component sidecar, String marker) {
        Path ports = state.run().resolve(NAME + "-ports.cfg");
        try {
            Files.createDirectories(ports.getParent());
            Files.writeString(ports, """
                    # Written by the supervisor at each start: this stack's ports, read by %s.
                    global
                        setenv SIDECAR_PORT %d
                        setenv SIDECAR_ADMIN_PORT %d
                        setenv PROVIDER_PORT %d
                        setenv ZIPKIN_SPANS_URL http://127.0.0.1:%d/api/v2/spans
                        setenv SIDECAR_LUA "%s"
                    """.formatted(state.relative(configuration(state)), sidecar.port(), sidecar.managementPort(),
                    providerPort(stack), stack.zipkinPort(), configuration(state).resolveSibling("zipkin-spans.lua")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(executable().map(Path::toString).orElse("haproxy"), "-db", "-L", marker,
                "-f", ports.toString(), "-f", configuration(state).toString());
    }

    public static int providerPort(Stack stack) {
        return PROVIDER_PORT + stack.portOffset();
    }

    /**
     * What payment-service's first instance is told when the stack runs the sidecar: the provider's
     * fixed port (the sidecar's backend) and the sidecar's address. Other instances keep their
     * resilience in code: one sidecar serves one instance, as beside a pod.
     */
    static List<String> serviceArgs(Stack stack, Component service) {
        Optional<Component> sidecar = stack.find(NAME);
        if (sidecar.isEmpty() || !service.name().equals(SERVICE)) {
            return List.of();
        }
        return List.of("--playground.payment.provider.port=" + providerPort(stack),
                "--playground.payment.provider.sidecar-url=http://127.0.0.1:" + sidecar.get().port());
    }
}
