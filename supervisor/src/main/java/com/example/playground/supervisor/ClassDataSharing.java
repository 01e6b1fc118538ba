package com.example.playground.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;

/**
 * Class-data sharing for the Spring services: roughly halves their start time. The first start
 * extracts each jar (Spring Boot's {@code -Djarmode=tools extract}) and runs it once up to the end
 * of context refresh with {@code -XX:ArchiveClassesAtExit}; later starts map that archive with
 * {@code -XX:SharedArchiveFile}. The archive is made again when the jar's content or the JVM changes. A
 * failed training run only costs speed: the service then starts from its jar as usual.
 */
final class ClassDataSharing {

    private final Path folder;

    ClassDataSharing(StateFolder state) {
        this.folder = state.classData();
    }

    /** The extracted jar to run, and the archive to map, of a trained service. */
    record Archive(Path jar, Path archive) {
    }

    /** The archive for this jar, if one was trained for exactly this jar and this JVM. */
    java.util.Optional<Archive> archiveFor(Component c, Path jar) {
        Path dir = folder.resolve(c.module());
        Archive archive = new Archive(dir.resolve(jar.getFileName()), dir.resolve(c.module() + ".jsa"));
        boolean fresh = Files.exists(archive.archive()) && Files.exists(archive.jar())
                && stamp(jar).equals(read(dir.resolve("trained-for")));
        return fresh ? java.util.Optional.of(archive) : java.util.Optional.empty();
    }

    /**
     * Trains every component that has no fresh archive yet, two at a time (one per core of the
     * machines we aim at). {@code trainingArgs} gives the program arguments of a training run.
     */
    void train(List<Component> components, java.util.function.Function<Component, Path> jarOf,
            java.util.function.Function<Component, List<String>> trainingArgs, java.io.PrintStream out) {
        // One archive per module: a second instance of a service maps the first one's.
        List<Component> untrained = components.stream()
                .filter(c -> archiveFor(c, jarOf.apply(c)).isEmpty())
                .collect(java.util.stream.Collectors.toMap(Component::module, c -> c, (a, b) -> a,
                        java.util.LinkedHashMap::new))
                .values().stream().toList();
        if (untrained.isEmpty()) {
            return;
        }
        out.println("  preparing class-data sharing archives (once per change to a service; makes later starts faster)...");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Component c : untrained) {
                runs.add(pool.submit(() -> trainOne(c, jarOf.apply(c), trainingArgs.apply(c), out)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void trainOne(Component c, Path jar, List<String> args, java.io.PrintStream out) {
        Path dir = folder.resolve(c.module());
        Path log = dir.resolve("training.log");
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            run(List.of(CommandLines.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", dir.toString(), "--force"), log);
            List<String> command = new ArrayList<>(List.of(CommandLines.javaExecutable(),
                    "-XX:ArchiveClassesAtExit=" + dir.resolve(c.module() + ".jsa"),
                    "-Dspring.context.exit=onRefresh", CommandLines.H2_ON_LOOPBACK, "-Xmx" + c.heap()));
            command.addAll(CommandLines.LEAN_JVM_FLAGS);
            command.addAll(List.of("-jar", dir.resolve(jar.getFileName()).toString()));
            command.addAll(args);
            if (run(command, log) == 0 && Files.exists(dir.resolve(c.module() + ".jsa"))) {
                Files.writeString(dir.resolve("trained-for"), stamp(jar));
                out.printf("  trained %-18s%n", c.name());
            } else {
                out.printf("  (no class-data archive for %s; it starts from its jar. See %s)%n", c.name(), log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int run(List<String> command, Path log) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
    }

    /**
     * What an archive was made for: the jar's content and the JVM. The content is a digest of the
     * jar's table of entries (names, sizes, CRCs), read without unpacking anything: a jar rebuilt
     * with the same classes (the build always rewrites jars) keeps its archive.
     */
    static String stamp(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            zip.stream().forEach(entry -> digest.update((entry.getName() + ':' + entry.getSize() + ':'
                    + entry.getCrc() + '\n').getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()) + " on " + Runtime.version() + " "
                    + CommandLines.javaExecutable();
        } catch (IOException | NoSuchAlgorithmException e) {
            return "missing";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
