package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a Zipkin trace the way the labs do: its id in what an attendee pasted, its services, its order. */
class ZipkinTraceTests {

    static final String ORDER = "2820b849-52cb-4edc-93e6-0c3607203d4a";

    /** One span as Zipkin's API writes it, with only the fields the labs read. */
    static Map<String, Object> span(long micros, String service, String kind, String name, Map<String, String> tags) {
        return Map.of("timestamp", micros, "localEndpoint", Map.of("serviceName", service), "kind", kind, "name", name,
                "tags", tags);
    }

    /** The start of a real order's trace (trimmed): the gateway's POST, order-service, inventory, the outbox, Kafka. */
    static List<Object> placedOrder(String... moreServices) {
        List<Object> spans = new ArrayList<>(List.of(
                span(30, "order-service", "SERVER", "http post /api/orders",
                        Map.of("method", "POST", "http.url", "/api/orders", "uri", "/api/orders")),
                span(10, "gateway", "SERVER", "http post", Map.of("method", "POST", "http.url", "/api/orders")),
                span(40, "inventory-service", "SERVER", "http get /api/inventory/{sku}",
                        Map.of("method", "GET", "http.url", "/api/inventory/pen")),
                span(50, "order-service", "PRODUCER", "outbox store orders.events",
                        Map.of("order.id", ORDER, "topic", "orders.events"))));
        long at = 60;
        for (String service : moreServices) {
            spans.add(span(at++, service, "CONSUMER", "orders.events process", Map.of()));
        }
        return spans;
    }

    @Test
    void findsTheTraceIdInWhateverWasPastedAndWritesItAsZipkinDoes() {
        assertThat(ZipkinTrace.idIn("6b0ed117e8ebb5e885bde3a207379418")).contains("6b0ed117e8ebb5e885bde3a207379418");
        assertThat(ZipkinTrace.idIn(" X-Trace-Id: 6B0ED117E8EBB5E885BDE3A207379418\r")).contains(
                "6b0ed117e8ebb5e885bde3a207379418");
        assertThat(ZipkinTrace.idIn("http://127.0.0.1:9411/zipkin/traces/6b0ed117e8ebb5e885bde3a207379418"))
                .contains("6b0ed117e8ebb5e885bde3a207379418");
        assertThat(ZipkinTrace.idIn("85bde3a207379418")).contains("85bde3a207379418");
    }

    @Test
    void aNumberThatIsNoTraceIdIsNoneEvenInsideALongerOne() {
        assertThat(ZipkinTrace.idIn("42")).isEmpty();
        assertThat(ZipkinTrace.idIn("6b0ed117e8ebb5e885bde3a2073794")).isEmpty();
        assertThat(ZipkinTrace.idIn("6b0ed117e8ebb5e885bde3a207379418ff")).isEmpty();
        assertThat(ZipkinTrace.idIn(null)).isEmpty();
    }

    @Test
    void saysWhichOfOurServicesTookPartAndWhichDidNot() {
        ZipkinTrace trace = new ZipkinTrace(placedOrder("saga-orchestrator"));

        assertThat(trace.services()).containsExactly("gateway", "order-service", "inventory-service", "saga-orchestrator");
        assertThat(trace.missingServices()).containsExactly("payment-service");
    }

    @Test
    void theTraceOfThePostThatPlacedAnOrderNamesTheOrder() {
        ZipkinTrace trace = ZipkinTrace.parse(Json.write(placedOrder()));

        assertThat(trace.placesAnOrder()).isTrue();
        assertThat(trace.orderIds()).containsExactly(ORDER);
        assertThat(trace.firstSpan()).isEqualTo("gateway: http post /api/orders");
    }

    @Test
    void theTraceOfAGetThatReadTheOrderLaterIsNotThePlacing() {
        ZipkinTrace trace = new ZipkinTrace(List.of(
                span(10, "gateway", "SERVER", "http get", Map.of("method", "GET", "http.url", "/api/orders/" + ORDER)),
                span(20, "order-service", "SERVER", "http get /api/orders/{orderId}",
                        Map.of("method", "GET", "http.url", "/api/orders/" + ORDER))));

        assertThat(trace.placesAnOrder()).isFalse();
        assertThat(trace.orderIds()).isEmpty();
        assertThat(trace.firstSpan()).isEqualTo("gateway: http get /api/orders/" + ORDER);
    }

    @Test
    void zipkinsAnswerForAnUnknownTraceIsAnEmptyTrace() {
        assertThat(ZipkinTrace.parse("Trace not found").isEmpty()).isTrue();
        assertThat(ZipkinTrace.parse("[]").isEmpty()).isTrue();
    }
}
