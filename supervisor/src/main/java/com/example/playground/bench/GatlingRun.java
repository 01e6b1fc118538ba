package com.example.playground.bench;

import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Gatling simulation of the benchmarks module, run through Gatling's Maven plugin
 * ({@code ./mvnw -pl benchmarks gatling:test}): Maven compiles the simulation if needed and forks
 * Gatling's JVM, which writes its HTML report into the phase's folder and the figures
 * ({@code figures.json}) that the bench reads. Maven's and Gatling's output go to the phase's log.
 */
final class GatlingRun {

    private static final String PACKAGE = "com.example.playground.benchmarks.";

    private final Path home;

    GatlingRun(Path home) {
        this.home = home;
    }

    /** What a run left: the figures per request name, and the report's index.html (if Gatling wrote one). */
    record Result(Map<String, Object> figures, Optional<Path> report) {

        /** How many answers of a request had this status (0: none at all). */
        long status(String request, int status) {
            Object count = Json.at(figures, request, "byStatus", String.valueOf(status)).orElse(0);
            return ((Number) count).longValue();
        }

        long number(String request, String name) {
            return ((Number) Json.at(figures, request, name).orElse(0)).longValue();
        }

        /** Answers per second over the span from the first request sent to the last answer. */
        double perSecond(String request) {
            long span = number(request, "lastAnsweredAt") - number(request, "firstSentAt");
            return span <= 0 ? 0 : number(request, "count") * 1000.0 / span;
        }
    }

    Result run(String simulation, Map<String, String> settings, Path folder, long minutes) {
        try {
            Files.createDirectories(folder);
            Path figures = folder.resolve("figures.json");
            Path log = folder.resolve("gatling.log");
            List<String> command = new ArrayList<>(List.of(maven(), "-B", "-pl", "benchmarks", "gatling:test",
                    "-Dgatling.simulationClass=" + PACKAGE + simulation,
                    "-Dgatling.resultsFolder=" + folder.toAbsolutePath(),
                    "-Dbench.figures=" + figures.toAbsolutePath()));
            settings.forEach((key, value) -> command.add("-Dbench." + key + "=" + value));
            Process maven = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!maven.waitFor(minutes, TimeUnit.MINUTES)) {
                maven.descendants().forEach(ProcessHandle::destroy);
                maven.destroy();
                throw new PlaygroundException("Gatling did not finish within " + minutes + " minutes; see " + log,
                        PlaygroundException.FAILED);
            }
            if (maven.exitValue() != 0 && !Files.exists(figures)) {
                throw new PlaygroundException("Gatling failed (./mvnw -pl benchmarks gatling:test); the end of "
                        + log + ":\n" + tail(log), PlaygroundException.FAILED);
            }
            return new Result(Json.object(Files.readString(figures)), report(folder));
        } catch (IOException e) {
            throw new PlaygroundException("Cannot run Gatling: " + e.getMessage(), PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted while Gatling ran", PlaygroundException.FAILED);
        }
    }

    private String maven() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return home.resolve(windows ? "mvnw.cmd" : "mvnw").toString();
    }

    private static Optional<Path> report(Path folder) {
        try (Stream<Path> files = Files.walk(folder, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
