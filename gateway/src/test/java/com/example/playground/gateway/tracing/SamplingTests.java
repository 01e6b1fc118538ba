package com.example.playground.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway decides whether a request is traced, by the same setting as the services
 * ({@code management.tracing.sampling.probability}, read at start: the gateway restarts for its
 * settings), and tells the service its decision in the {@code traceparent} it sends on. A caller
 * who wants one request traced whatever the probability asks for it with a header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.tracing.sampling.probability=0.0",
        "management.server.port=0",
        "eureka.client.enabled=false",
        "management.tracing.export.zipkin.enabled=false"})
class SamplingTests {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    static HttpServer backend;
    /** The W3C trace header the backend last received from the gateway: version-traceid-spanid-flags. */
    static volatile String receivedTraceParent;

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            receivedTraceParent = exchange.getRequestHeaders().getFirst("traceparent");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        backend.start();
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
                () -> "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void atZeroARequestIsNotSampledAndTheServiceIsToldSoButItStillHasATraceId() throws Exception {
        HttpResponse<Void> response = get();

        String traceId = response.headers().firstValue(TraceIdResponseHeader.HEADER).orElseThrow();
        assertThat(receivedTraceParent).startsWith("00-" + traceId + "-").endsWith("-00");
    }

    @Test
    void aTraceparentThatSaysSampledIsFollowedInItsOwnTrace() throws Exception {
        HttpResponse<Void> response = get("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01");

        assertThat(response.headers().firstValue(TraceIdResponseHeader.HEADER)).hasValue(TRACE_ID);
        assertThat(receivedTraceParent).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
    }

    /** B3's single header with only a sampling flag: the gateway starts a new trace, sampled. */
    @Test
    void b3OneAsksForANewSampledTrace() throws Exception {
        HttpResponse<Void> response = get("b3", "1");

        String traceId = response.headers().firstValue(TraceIdResponseHeader.HEADER).orElseThrow();
        assertThat(receivedTraceParent).startsWith("00-" + traceId + "-").endsWith("-01");
    }

    private HttpResponse<Void> get(String... header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inventory/book"));
        if (header.length > 0) {
            request.header(header[0], header[1]);
        }
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
        return response;
    }
}
