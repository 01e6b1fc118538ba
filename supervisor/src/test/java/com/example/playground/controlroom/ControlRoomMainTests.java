package com.example.playground.controlroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlRoomMainTests {

    @TempDir
    Path home;

    @Test
    void theControlRoomFollowsTheStackWhenItIsScaledWhileItRuns() throws IOException {
        Path state = home.resolve(".playground");
        Supplier<Supervisor> supervisor = ControlRoomMain.following(home, state, 22_200, new Activity());
        Supervisor once = supervisor.get();
        assertThat(once.stack().names()).doesNotContain("inventory-service-2");
        assertThat(supervisor.get()).as("the same while nothing changes").isSameAs(once);

        // What 'up --instances inventory-service=2' remembers for the commands after it.
        Files.createDirectories(state.resolve("run"));
        Files.writeString(state.resolve("run/instances"), "inventory-service=2");

        assertThat(supervisor.get().stack().names()).contains("inventory-service-2");
        assertThat(supervisor.get().stack().controlRoomPort()).isEqualTo(once.stack().controlRoomPort());

        Files.delete(state.resolve("run/instances"));
        assertThat(supervisor.get().stack().names()).doesNotContain("inventory-service-2");
    }
}
