package com.example.playground.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One Spring app's settings overlay, {@code <state>/config/<app>.properties}: read, checked and
 * written. The app imports the file (support's playground-service.yml, the gateway's and
 * discovery's application.yml), so what it holds wins over the packaged settings.
 *
 * <p>While the app may have read it, the file is never deleted nor left without a setting: Spring
 * Cloud's refresh replaces the settings of a file it finds but keeps those of a file that is gone or
 * empty (spring-cloud-commons issue 1116). So it always starts with a line of the supervisor's own,
 * {@value #MARKER}, which {@link #read()} leaves out.
 */
final class Overlay {

    static final String MARKER = "playground.overlay";

    /** A property name as Spring spells one: letters, digits, dots, dashes, underscores, [indexes]. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\[\\]-]*");

    private final String app;
    private final Path file;

    Overlay(Path folder, String app) {
        this.app = app;
        this.file = folder.resolve(app + ".properties");
    }

    Path file() {
        return file;
    }

    /** The settings in the file, by key; empty without a file. */
    Map<String, String> read() {
        Map<String, String> settings = new TreeMap<>();
        if (!Files.exists(file)) {
            return settings;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new PlaygroundException("Cannot read %s: %s".formatted(file, e.getMessage()), PlaygroundException.FAILED);
        }
        properties.forEach((key, value) -> settings.put((String) key, (String) value));
        settings.remove(MARKER);
        return settings;
    }

    /** Refuses what is not a {@code key=value} a properties file can hold as one line. */
    static void check(String key, String value) {
        if (key == null || !KEY.matcher(key).matches() || key.endsWith(".") || key.contains("..")) {
            throw new PlaygroundException("'%s' is not a setting's name (e.g. playground.saga.step-timeout).".formatted(key),
                    PlaygroundException.USAGE);
        }
        if (key.equals(MARKER)) {
            throw new PlaygroundException(MARKER + " is the supervisor's own line in the overlay.", PlaygroundException.USAGE);
        }
        if (value == null || value.chars().anyMatch(Character::isISOControl)) {
            throw new PlaygroundException("The value of %s must be one line of text.".formatted(key), PlaygroundException.USAGE);
        }
    }

    /**
     * Replaces the file at once (a running app never reads half of it). No settings and nobody
     * who could have read it ({@code appMayHaveReadIt} false): the file goes.
     */
    void write(Map<String, String> settings, boolean appMayHaveReadIt) {
        try {
            if (settings.isEmpty() && !appMayHaveReadIt) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder()
                    .append("# ").append(app).append("'s settings beyond its packaged ones, written by")
                    .append(" './playground config'.\n")
                    .append("# The first line is the supervisor's: it keeps this file from ever being empty.\n")
                    .append(MARKER).append('=').append(app).append('\n');
            new TreeMap<>(settings).forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
            Path written = Files.createTempFile(file.getParent(), app, ".tmp");
            Files.writeString(written, text, StandardCharsets.ISO_8859_1);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write %s: %s".formatted(file, e.getMessage()), PlaygroundException.FAILED);
        }
    }

    /** A value as a properties file keeps it (Spring reads them as ISO-8859-1): backslashes doubled, non-ASCII escaped. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c > 0x7e) {
                escaped.append("\\u%04x".formatted((int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
