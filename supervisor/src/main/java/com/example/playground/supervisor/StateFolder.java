package com.example.playground.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the playground keeps everything of a stack: data, logs, pid files, the broker's config and
 * the class-data archives, under one folder ({@code .playground/} by default), so a restart finds
 * its data. Also knows the project's home, to find the built jars and to print short paths.
 */
public final class StateFolder {

    private final Path home;
    private final Path root;

    public StateFolder(Path home, Path root) {
        this.home = home.toAbsolutePath().normalize();
        this.root = root.toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    public Path root() {
        return root;
    }

    public Path data() {
        return root.resolve("data");
    }

    /** Pid files and remembered settings of the running stack. */
    public Path run() {
        return root.resolve("run");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path classData() {
        return root.resolve("cds");
    }

    /** The settings overlay: one {@code <app>.properties} per Spring app (see {@link Configuration}). */
    public Path config() {
        return root.resolve("config");
    }

    public Path logOf(String name) {
        return root.resolve("logs").resolve(name + ".log");
    }

    /**
     * Every service's H2 database files (the services must be stopped): they migrate and seed afresh
     * at start. Only the files: the Kafka broker's log folder lives beside them and stays.
     */
    public void deleteData() {
        if (!Files.isDirectory(data())) {
            return;
        }
        try (var files = Files.list(data())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot delete the services' data in " + relative(data()) + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    /** Deletes the lock file H2's mixed mode keeps beside a service's database (its owner is gone). */
    void removeDatabaseLock(String service) {
        try {
            Files.deleteIfExists(data().resolve(service + ".lock.db"));
        } catch (IOException e) {
            // Then H2 finds the stale lock itself, a few seconds later.
        }
    }

    void createFolders() {
        try {
            for (Path folder : List.of(data(), root.resolve("logs"), run(), kafka())) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a log, read from its end (a log may be large). */
    public String tail(String name, int lines) {
        Path log = logOf(name);
        if (!Files.exists(log)) {
            return "(no log yet)";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 256 * 1024);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints what is appended to a log from now on, until interrupted (Ctrl-C): {@code logs -f}. */
    public void follow(Path log, PrintStream out) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = Files.size(log);
            while (true) {
                long length = file.length();
                if (length < position) {
                    position = 0;
                }
                if (length > position) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) (length - position)];
                    file.readFully(bytes);
                    out.print(new String(bytes, StandardCharsets.UTF_8));
                    out.flush();
                    position = length;
                }
                Thread.sleep(300);
            }
        } catch (IOException e) {
            throw new PlaygroundException("Cannot read " + log + ": " + e.getMessage(), PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A path as a user would type it from the project's folder. */
    public String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }
}
