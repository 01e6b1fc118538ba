package com.example.playground.lab;

import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an attendee has done, kept in the state folder ({@code labs/progress.json}) so it survives
 * restarts of the stack: the lab in progress, the labs passed, and how many hints each has shown.
 * {@code lab reset} keeps it (passing a lab stays an achievement); deleting the file forgets it.
 */
final class LabProgress {

    private final Path file;
    private String current;
    private final TreeSet<String> done = new TreeSet<>();
    private final Map<String, Integer> hints = new LinkedHashMap<>();

    private LabProgress(Path file) {
        this.file = file;
    }

    static LabProgress in(Path stateRoot) {
        LabProgress progress = new LabProgress(stateRoot.resolve("labs").resolve("progress.json"));
        if (Files.isRegularFile(progress.file)) {
            try {
                Map<String, Object> saved = Json.object(Files.readString(progress.file));
                progress.current = (String) saved.get("current");
                Json.listAt(saved, "done").forEach(name -> progress.done.add(String.valueOf(name)));
                Json.objectAt(saved, "hints").forEach((name, count) -> progress.hints.put(name, ((Number) count).intValue()));
            } catch (IOException | RuntimeException e) {
                // A damaged file costs the attendee their ticks, not the command.
            }
        }
        return progress;
    }

    String current() {
        return current;
    }

    boolean isDone(String lab) {
        return done.contains(lab);
    }

    void started(String lab) {
        current = lab;
        save();
    }

    void passed(String lab) {
        done.add(lab);
        save();
    }

    /** One more hint shown for this lab; returns how many are shown now (at most {@code available}). */
    int nextHint(String lab, int available) {
        int shown = Math.min(hints.getOrDefault(lab, 0) + 1, available);
        hints.put(lab, shown);
        save();
        return shown;
    }

    private void save() {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("current", current);
        saved.put("done", List.copyOf(done));
        saved.put("hints", hints);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(saved));
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }
}
