package com.example.playground.supervisor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** What is checked before anything starts, so a start that cannot work fails at once with the reason. */
final class Preflight {

    private final StateFolder state;
    private final CommandLines commands;

    Preflight(StateFolder state, CommandLines commands) {
        this.state = state;
        this.commands = commands;
    }

    void checkBuilt(List<Component> components) {
        if (components.stream().anyMatch(c -> c.kind() == Component.Kind.SIDECAR)) {
            PaymentSidecar.cannotRun().ifPresent(why -> {
                throw new PlaygroundException("The payment sidecar cannot run: " + why + " (docs/patterns/sidecar.md).",
                        PlaygroundException.FAILED);
            });
        }
        List<String> missing = components.stream().map(commands::jarOf).distinct()
                .filter(path -> !Files.exists(path)).map(state::relative).toList();
        if (!missing.isEmpty()) {
            throw new PlaygroundException("The playground is not built (missing " + String.join(", ", missing)
                    + "). Build it with: ./mvnw -DskipTests package", PlaygroundException.FAILED);
        }
    }

    void checkPortsFree(List<Component> components) {
        List<String> taken = new ArrayList<>();
        for (Component c : components) {
            for (int port : c.ports()) {
                if (!Ports.isFree(port)) {
                    taken.add(port + " (" + c.name() + ")");
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new PlaygroundException("Port(s) already in use by another program: " + String.join(", ", taken)
                    + ". Stop that program, or run './playground status' if it is an earlier playground.",
                    PlaygroundException.USAGE);
        }
    }

    /** The PostgreSQL the services are to use answers (nothing to check for H2). */
    void checkDatabase() {
        String url = commands.postgresUrl();
        if (url == null) {
            return;
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new PlaygroundException("--db-url takes a JDBC URL like jdbc:postgresql://127.0.0.1:5432/postgres, not '"
                    + url + "'.", PlaygroundException.USAGE);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 2000);
        } catch (IOException | IllegalArgumentException e) {
            throw new PlaygroundException("No PostgreSQL answers at %s:%d (%s). Start it, or point --db-url at one."
                    .formatted(uri.getHost(), port, url), PlaygroundException.FAILED);
        }
    }
}
