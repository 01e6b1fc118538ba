package com.example.playground.gateway.requests;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a path with an empty segment ({@code /api/orders//details}: an order id left empty) with
 * 400 {@code malformed-request}. Routing would merge the two slashes and send the service
 * {@code /api/orders/details}, which it would answer as the order "details": another request than
 * the one sent. The services refuse such paths themselves, but behind the gateway they never see them.
 */
@Component
class EmptyPathSegments implements WebFilter, Ordered {

    private static final String PROBLEM = """
            {"type":"urn:playground:problem:malformed-request","title":"The request could not be read","status":400,\
            "detail":"The path has an empty segment ('//'), which would be read as another path"}""";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getURI().getRawPath().contains("//")) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(PROBLEM.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public int getOrder() {
        // Right after the trace id is set, so the refusal names its trace like every other answer.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
