package com.example.playground.controlroom;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What was done from the page and what the supervisor said about it ("Killed payment-service ..."),
 * newest first, for the page's activity list. Also written to the control room's log.
 */
final class Activity {

    private static final int KEEP = 14;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Marks on the charts: every entry, with its moment, as long as the charts reach back. */
    record Mark(Instant at, String text) {
    }

    private final Deque<String> lines = new ArrayDeque<>();
    private final Deque<Mark> marks = new ArrayDeque<>();

    synchronized void add(String line) {
        Instant now = Instant.now();
        String stamped = LocalTime.ofInstant(now, ZoneId.systemDefault()).format(TIME) + "  " + line.strip();
        System.out.println(stamped);
        lines.addFirst(stamped);
        while (lines.size() > KEEP) {
            lines.removeLast();
        }
        marks.addLast(new Mark(now, line.strip()));
        while (!marks.isEmpty() && (marks.size() > 500 || marks.peekFirst().at().isBefore(now.minus(History.KEPT)))) {
            marks.removeFirst();
        }
    }

    /** The entries of the last {@link History#KEPT}, oldest first. */
    synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** Newest first. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** A stream for the supervisor to print to: each non-blank line becomes an entry. */
    PrintStream printStream() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (!text.isBlank()) {
                        add(text);
                    }
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
