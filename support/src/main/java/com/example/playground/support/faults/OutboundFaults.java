package com.example.playground.support.faults;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Breaks an outbound HTTP client on purpose, by the name of the dependency it calls. An injected
 * error surfaces as an I/O error, as a refused or reset connection would, so the caller's
 * resilience (timeouts, retries, breakers) sees what it would see in real life.
 */
public class OutboundFaults implements ClientHttpRequestInterceptor {

    private final Faults faults;
    private final String dependency;

    public OutboundFaults(Faults faults, String dependency) {
        this.faults = faults;
        this.dependency = dependency;
        faults.declare(dependency, "outbound calls to " + dependency);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        try {
            faults.inject(dependency);
        } catch (InjectedFaultException e) {
            throw new IOException(e.getMessage(), e);
        }
        return execution.execute(request, body);
    }
}
