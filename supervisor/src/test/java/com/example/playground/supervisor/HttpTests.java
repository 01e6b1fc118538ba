package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.testing.StubServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpTests {

    @Test
    void answersStatusBodyAndHowLongItTook() {
        try (StubServer server = new StubServer().answer("GET /x", 200, "{\"a\":1}")) {
            Http.Answer answer = new Http(Http.QUICK).get(Http.local(server.port(), "/x"));

            assertThat(answer.ok()).isTrue();
            assertThat(Json.text(answer.json(), "a")).isEqualTo("1");
            assertThat(answer.took()).isPositive();
            assertThat(answer.header("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void nothingListeningIsStatusZeroNotAnException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }
        Http.Answer answer = new Http(Http.QUICK).get(Http.local(port, "/"));

        assertThat(answer.status()).isZero();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.json()).isEqualTo(java.util.Map.of());
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAfterTheTimeout() throws IOException {
        // Accepts the connection (the backlog does) but never reads or answers.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));

            Http.Answer answer = new Http(Duration.ofMillis(300)).get(Http.local(silent.getLocalPort(), "/"));

            assertThat(answer.status()).isZero();
            assertThat(answer.took()).isLessThan(Duration.ofSeconds(3));
        }
    }
}
