package com.example.playground.chaos;

import com.example.playground.supervisor.Json;
import com.example.playground.supervisor.PlaygroundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@code ./playground chaos}: its seed and when the clock started, kept in the state folder
 * ({@code labs/chaos.json}). Not what it broke: a team that reads the file learns nothing, and the
 * score works the three out again from the seed.
 */
public record ChaosRun(long seed, Instant started) {

    static Path file(Path stateRoot) {
        return stateRoot.resolve("labs").resolve("chaos.json");
    }

    void save(Path stateRoot) {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("seed", seed);
        saved.put("started", started.toString());
        try {
            Files.createDirectories(file(stateRoot).getParent());
            Files.writeString(file(stateRoot), Json.write(saved));
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file(stateRoot) + ": " + e.getMessage(),
                    PlaygroundException.FAILED);
        }
    }

    /** The last run, if there is one and its file can be read. */
    static Optional<ChaosRun> last(Path stateRoot) {
        Path file = file(stateRoot);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> saved = Json.object(Files.readString(file));
            return Optional.of(new ChaosRun(Long.parseLong(String.valueOf(saved.get("seed"))),
                    Instant.parse(String.valueOf(saved.get("started")))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
