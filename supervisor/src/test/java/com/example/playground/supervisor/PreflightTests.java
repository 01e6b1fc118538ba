package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTests {

    @TempDir
    Path home;

    final Stack stack = Stack.withPortOffset(SupervisorTests.OFFSET);

    Preflight preflight(String postgresUrl) {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        CommandLines commands = new CommandLines(state, stack, new Pids(state), new ClassDataSharing(state));
        commands.usePostgres(postgresUrl);
        return new Preflight(state, commands);
    }

    @Test
    void everyMissingJarIsNamedWithTheBuildCommand() {
        assertThatThrownBy(() -> preflight(null).checkBuilt(stack.components()))
                .hasMessageContainingAll("gateway/target/gateway.jar", "supervisor/target/kafka-lib",
                        "supervisor/target/zipkin/zipkin-server.jar")
                .hasMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void aTakenPortIsNamedWithItsOwner() throws IOException {
        int port = stack.component("order-service").managementPort();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", port));

            assertThatThrownBy(() -> preflight(null).checkPortsFree(stack.components()))
                    .hasMessageContaining(port + " (order-service)");
        }
        assertThatCode(() -> preflight(null).checkPortsFree(List.of(stack.component("order-service"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aDatabaseUrlMustBePostgresAndAnswer() {
        assertThatCode(() -> preflight(null).checkDatabase()).doesNotThrowAnyException();
        assertThatThrownBy(() -> preflight("jdbc:mysql://127.0.0.1/shop").checkDatabase())
                .isInstanceOf(PlaygroundException.class).hasMessageContaining("--db-url takes a JDBC URL")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((PlaygroundException) e).exitCode())
                        .isEqualTo(PlaygroundException.USAGE));
        // Nothing listens on port 9 of loopback.
        assertThatThrownBy(() -> preflight("jdbc:postgresql://127.0.0.1:9/postgres").checkDatabase())
                .hasMessageContaining("No PostgreSQL answers at 127.0.0.1:9");
    }
}
