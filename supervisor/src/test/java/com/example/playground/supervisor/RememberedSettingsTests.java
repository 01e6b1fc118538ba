package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedSettingsTests {

    @TempDir
    Path home;

    @Test
    void whatUpRemembersLaterCommandsReadAndDownForgets() {
        RememberedSettings settings = new RememberedSettings(new StateFolder(home, home.resolve(".playground")));
        assertThat(settings.instances()).isEmpty();
        assertThat(settings.postgres()).isNull();

        assertThat(settings.jvm()).isEqualTo(JvmMode.LEAN);

        settings.remember(Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2)),
                "jdbc:postgresql://127.0.0.1:5432/postgres", JvmMode.FAST);

        RememberedSettings later = new RememberedSettings(new StateFolder(home, home.resolve(".playground")));
        assertThat(later.instances()).containsExactly(Map.entry("inventory-service", 2));
        assertThat(later.postgres()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(later.jvm()).isEqualTo(JvmMode.FAST);

        later.forget();
        assertThat(settings.instances()).isEmpty();
        assertThat(settings.postgres()).isNull();
        assertThat(settings.jvm()).isEqualTo(JvmMode.LEAN);
    }

    @Test
    void aDamagedFileIsForgottenNotBelieved() throws IOException {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        Files.createDirectories(state.run());
        Files.writeString(state.run().resolve("instances"), "inventory-service=lots");

        assertThat(new RememberedSettings(state).instances()).isEmpty();
    }
}
