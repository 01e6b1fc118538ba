package com.example.playground.support.faults;

import com.example.playground.support.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaks this service's public API ({@code /api/**}) on purpose: the fault target {@code inbound}.
 * An injected error answers 500 with the problem type {@code injected-fault}, so nobody mistakes it
 * for a bug. The management port is never affected: a broken service can still be healed.
 */
class InboundFaults extends OncePerRequestFilter {

    public static final String TARGET = "inbound";

    private final Faults faults;
    private final JsonMapper json;

    public InboundFaults(Faults faults, JsonMapper json) {
        this.faults = faults;
        this.json = json;
        faults.declare(TARGET, "requests to this service's /api endpoints");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            faults.inject(TARGET);
        } catch (InjectedFaultException e) {
            var problem = Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "injected-fault", "Injected fault",
                    e.getMessage() + " (a fault switch is on; './playground heal' turns it off)");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
