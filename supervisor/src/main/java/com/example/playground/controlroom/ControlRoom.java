package com.example.playground.controlroom;

import com.example.playground.autoscale.Autoscaler;
import com.example.playground.canary.CanaryGuard;
import com.example.playground.supervisor.Http;
import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.Management;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Supervisor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control room: one page at {@code http://127.0.0.1:8090/} that shows the stack live (a
 * snapshot every second over server-sent events) and runs a demo from buttons: faults and
 * switches, kill, restart, Kafka off and on, demo traffic, orders. Loopback only, like everything else, and only
 * JSON posts from its own page are accepted (a form on another site cannot send them).
 *
 * <p>About 360 lines: it is the one HTTP server of the page (files, the event stream, the reads,
 * the actions' switch) plus the timers it runs (snapshots, the autoscaler's and the canary guard's
 * ticks); what each part does lives in {@link Snapshot}, {@link History}, {@link Traffic},
 * {@link Autoscaler}, {@link CanaryGuard} and {@link Runs}. Split further, its routes would be
 * spread over classes that each hold a few lines of plumbing.
 */
final class ControlRoom {

    static final Duration REFRESH = Duration.ofSeconds(1);

    /** The supervisor of the stack as it is scaled now ('up --instances' may change that while the room runs). */
    private final Supplier<Supervisor> supervisor;
    private final Activity activity;
    private final Traffic traffic;
    private final Snapshot snapshot;
    private final HttpServer server;
    private final List<OutputStream> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService work = Executors.newCachedThreadPool(daemon("control-room"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("snapshots"));
    /** The rules of 'up --autoscale' followed as long as the stack runs, on a thread of their own: a step takes seconds. */
    private final ScheduledExecutorService scaling = Executors.newSingleThreadScheduledExecutor(daemon("autoscaler"));
    private final Autoscaler autoscaler;
    /** The canary's error budget, judged once a second on a thread of its own: a rollback must not wait for a scaling step. */
    private final ScheduledExecutorService guarding = Executors.newSingleThreadScheduledExecutor(daemon("canary-guard"));
    private final CanaryGuard canaryGuard;
    private final Runs runs;
    private final History history;
    /** What the page (or a user's curl) reads besides the snapshot: each loop's view, the scenarios, the runs, the charts. */
    private final Map<String, Supplier<Object>> reads;
    private volatile String latest;

    public ControlRoom(Supplier<Supervisor> supervisor, Activity activity) throws IOException {
        this.supervisor = supervisor;
        this.activity = activity;
        this.autoscaler = new Autoscaler(supervisor, activity::add);
        this.canaryGuard = new CanaryGuard(supervisor, activity::add);
        this.runs = new Runs(supervisor, activity, work);
        this.traffic = new Traffic(supervisor.get().stack().gatewayPort(), activity);
        this.history = new History(activity::marks);
        this.reads = Map.of("/api/autoscaler", autoscaler::view, "/api/canary", canaryGuard::view,
                "/api/scenarios", Runs::scenarios, "/api/runs", runs::view, "/api/history", history::view);
        this.snapshot = new Snapshot(supervisor, traffic, activity, history,
                Map.of("autoscaling", autoscaler::view, "canary", canaryGuard::view, "runs", runs::view));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", supervisor.get().stack().controlRoomPort()), 32);
        server.setExecutor(work);
        server.createContext("/", this::page);
        server.createContext("/health", exchange -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/events", this::events);
        server.createContext("/api/", this::api);
    }

    public void start() {
        server.start();
        ticks.scheduleWithFixedDelay(this::broadcast, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        scaling.scheduleWithFixedDelay(() -> tick("autoscaler", autoscaler::tick), 1, 1, TimeUnit.SECONDS);
        guarding.scheduleWithFixedDelay(() -> tick("canary", canaryGuard::tick), 1, 1, TimeUnit.SECONDS);
    }

    private void tick(String who, Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            activity.add(who + ": could not read the stack: " + e.getMessage());
        }
    }

    /** Stops serving (the process itself ends with {@code ./playground down}; tests stop it here). */
    void stop() {
        ticks.shutdownNow();
        scaling.shutdownNow();
        guarding.shutdownNow();
        traffic.stop();
        server.stop(0);
    }

    // ---------------------------------------------------------------- the page and its stream

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> types = Map.of("/", "text/html", "/app.js", "text/javascript", "/style.css", "text/css");
        String type = types.get(path);
        if (type == null || !exchange.getRequestMethod().equals("GET")) {
            send(exchange, 404, "text/plain", "Not found");
            return;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        try (InputStream in = ControlRoom.class.getResourceAsStream("/control-room/" + file)) {
            send(exchange, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Server-sent events: the latest snapshot at once, then one a second for as long as the page is open. */
    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        CountDownLatch closed = new CountDownLatch(1);
        OutputStream listener = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        listeners.add(listener);
        if (latest != null) {
            push(listener, latest);
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(listener);
            exchange.close();
        }
    }

    private void broadcast() {
        if (listeners.isEmpty()) {
            return; // nobody watches: ask the services nothing
        }
        try {
            latest = snapshot.collect();
        } catch (RuntimeException e) {
            activity.add("could not read the stack: " + e.getMessage());
            return;
        }
        listeners.forEach(listener -> push(listener, latest));
    }

    private static void push(OutputStream listener, String json) {
        try {
            listener.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            listener.flush();
        } catch (IOException e) {
            try {
                listener.close(); // the page went away
            } catch (IOException ignored) {
                // closing only releases the waiting handler
            }
        }
    }

    // ---------------------------------------------------------------- actions

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/api/snapshot")) {
            send(exchange, 200, "application/json", snapshot.collect());
            return;
        }
        Supplier<Object> read = method.equals("GET") ? reads.get(path) : null;
        if (read != null) {
            send(exchange, 200, "application/json", Json.write(read.get()));
            return;
        }
        if (method.equals("GET") && path.startsWith("/api/messages/")) {
            latestMessages(exchange, path.substring("/api/messages/".length()));
            return;
        }
        if (!method.equals("POST")) {
            problem(exchange, 405, "Only POST", "Actions are POST requests.");
            return;
        }
        if (!fromOurPage(exchange)) {
            problem(exchange, 403, "Not from the control room",
                    "Actions take a JSON body, sent by the control room's own page.");
            return;
        }
        Map<String, Object> body = Json.object(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        List<String> parts = List.of(path.substring("/api/".length()).split("/"));
        String action = parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : null;
        try {
            switch (action) {
                case "break" -> {
                    String target = Objects.requireNonNullElse(Json.text(body, "target"), "inbound");
                    management().breakTarget(required(name), target, Json.objectAt(body, "settings"));
                    done(exchange, name + ": " + target + " broken");
                }
                case "switch" -> {
                    String id = required(parts.size() > 2 ? parts.get(2) : null);
                    boolean on = Boolean.parseBoolean(Json.text(body, "on"));
                    management().setSwitch(required(name), id, on);
                    done(exchange, name + ": " + id + (on ? " on" : " off"));
                }
                case "heal" -> {
                    List<String> services = name == null ? supervisor.get().runningServices() : List.of(name);
                    services.forEach(management()::heal);
                    done(exchange, "healed " + String.join(", ", services));
                }
                case "kill" -> {
                    supervisor.get().kill(required(name));
                    done(exchange, "killed " + name);
                }
                case "restart" -> later(exchange, "restarting " + required(name),
                        () -> supervisor.get().restart(name, Duration.ofSeconds(180)));
                case "kafka" -> {
                    if ("stop".equals(name)) {
                        later(exchange, "stopping the Kafka broker", () -> supervisor.get().stop("kafka"));
                    } else {
                        later(exchange, "starting the Kafka broker", () -> supervisor.get().start("kafka", Duration.ofSeconds(60)));
                    }
                }
                case "traffic" -> {
                    if ("on".equals(name)) {
                        traffic.start();
                    } else {
                        traffic.stop();
                    }
                    done(exchange, "traffic " + name);
                }
                // A scenario, or the check of the lab in progress: minutes, so 202 and the page follows its lines.
                case "scenario" -> send(exchange, 202, "application/json", Json.write(runs.scenario(Objects.requireNonNullElse(name, ""))));
                case "lab" -> send(exchange, 202, "application/json",
                        Json.write(runs.labCheck(Json.text(body, "answer"))));
                case "orders" -> {
                    Http.Answer answer = traffic.placeOrder(
                            Objects.requireNonNullElse(Json.text(body, "customerId"), "alice"),
                            Objects.requireNonNullElse(Json.text(body, "sku"), "book"),
                            Integer.parseInt(Objects.requireNonNullElse(Json.text(body, "quantity"), "1")),
                            Objects.requireNonNullElse(Json.text(body, "saga"), "orchestration"));
                    activity.add("order placed through the gateway: HTTP " + answer.status() + " " + answer.body());
                    send(exchange, answer.status() == 0 ? 502 : answer.status(), "application/json",
                            Json.object(answer.body()).isEmpty() ? "{}" : answer.body());
                }
                default -> problem(exchange, 404, "Unknown action", "There is no action '" + action + "'.");
            }
        } catch (PlaygroundException e) {
            activity.add(e.getMessage());
            problem(exchange, e.exitCode() == PlaygroundException.USAGE ? 400 : 409, "Refused", e.getMessage());
        } catch (RuntimeException e) {
            problem(exchange, 400, "Bad request", e.toString());
        }
    }

    /**
     * The latest messages of a topic, as a running service reads them ({@code /actuator/messages}, Kafka's
     * consumer client): any service can read any topic, so the first that answers does.
     */
    private void latestMessages(HttpExchange exchange, String topic) throws IOException {
        Http http = new Http(Duration.ofSeconds(8));
        Supervisor stack = supervisor.get();
        for (String service : stack.runningServices()) {
            Http.Answer answer = http.get(Http.local(stack.stack().component(service).managementPort(),
                    "/actuator/messages/" + java.net.URLEncoder.encode(topic, StandardCharsets.UTF_8)));
            if (answer.ok() || answer.status() == 404) {
                send(exchange, answer.status(), "application/json", answer.body());
                return;
            }
        }
        problem(exchange, 503, "No service answers", "No running service could read " + topic + " now.");
    }

    private Management management() {
        return supervisor.get().management();
    }

    private static boolean fromOurPage(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return type != null && type.startsWith("application/json")
                && (origin == null || origin.equals("http://" + host));
    }

    private static String required(String name) {
        if (name == null || name.isBlank()) {
            throw new PlaygroundException("Name a process.", PlaygroundException.USAGE);
        }
        return name;
    }

    /** Long actions (a restart waits until the service is ready) run on; the page watches them happen. */
    private void later(HttpExchange exchange, String what, Runnable action) throws IOException {
        activity.add(what + "...");
        work.submit(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                activity.add(what + " failed: " + e.getMessage());
            }
        });
        send(exchange, 202, "application/json", Json.write(Map.of("accepted", what)));
    }

    private void done(HttpExchange exchange, String message) throws IOException {
        send(exchange, 200, "application/json", Json.write(Map.of("done", message)));
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        send(exchange, status, "application/problem+json", Json.write(Map.of("title", title, "status", status,
                "detail", detail)));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
