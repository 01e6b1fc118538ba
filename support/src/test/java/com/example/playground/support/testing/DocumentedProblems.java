package com.example.playground.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The problem types docs/problems.md lists, read from the file itself: a test that accepts only
 * these catches both a new undocumented type and a documented one that was renamed.
 */
public final class DocumentedProblems {

    public static final String PREFIX = "urn:playground:problem:";

    /** A table row's first cell, and each name in backquotes in it. */
    private static final Pattern FIRST_CELL = Pattern.compile("(?m)^\\| ([^|]*`[^|]*) \\|");
    private static final Pattern NAME = Pattern.compile("`([a-z0-9-]+)`");

    private DocumentedProblems() {
    }

    /** The names in the table's first column, without the prefix. */
    public static Set<String> types() {
        Path start = Path.of(System.getProperty("playground.home", "")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            Path page = folder.resolve("docs/problems.md");
            if (Files.exists(page)) {
                return read(page);
            }
        }
        throw new IllegalStateException("docs/problems.md not found above " + start);
    }

    private static Set<String> read(Path page) {
        try {
            Matcher cells = FIRST_CELL.matcher(Files.readString(page));
            return cells.results().flatMap(cell -> NAME.matcher(cell.group(1)).results())
                    .map(name -> name.group(1)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
