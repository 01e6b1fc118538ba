package com.example.playground.monolith.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a body over 16 KB with 413 {@code request-too-large} before anything reads it, as the
 * services do: an order of 50 lines is far below it, and a body of megabytes would otherwise be read
 * whole into a small heap before validation could say no. Judged on Content-Length, which every
 * client of this API (and the gateway in front of it) sends.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long LIMIT = 16 * 1024;

    private final JsonMapper json;

    RequestSizeLimitFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > LIMIT) {
            ProblemDetail problem = Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "Request too large", "The body may be at most " + LIMIT / 1024 + " KB");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
