package com.example.playground.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message's trace id, from whichever propagation header its producer wrote. */
class MessagesEndpointTests {

    @Test
    void theTraceIdComesFromW3cOrB3HeadersOrIsAbsent() {
        assertThat(MessagesEndpoint.traceId(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MessagesEndpoint.traceId(Map.of("b3", "6b117420cc7f08e72a184061c8ce9d9e-a2fb4a1d1a96d312-1")))
                .isEqualTo("6b117420cc7f08e72a184061c8ce9d9e");
        assertThat(MessagesEndpoint.traceId(Map.of("X-B3-TraceId", "6b117420cc7f08e7"))).isEqualTo("6b117420cc7f08e7");
        assertThat(MessagesEndpoint.traceId(Map.of("message-type", "OrderPlaced"))).isNull();
    }
}
