package com.example.playground.support.web;

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
 * Refuses a path that the web server would quietly read as another one (400 {@code malformed-request}):
 * with a {@code ;} ({@code /api/orders/abc;x=1} is read as {@code /api/orders/abc}, and no endpoint
 * here takes path parameters), or with an empty segment ({@code /api/orders//details}, an empty
 * order id, is read as {@code /api/orders/details}).
 */
class AmbiguousPathFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public AmbiguousPathFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.indexOf(';') >= 0 || path.contains("//")) {
            var problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request could not be read",
                    "The path has a ';' or an empty segment ('//'), which would be read as another path");
            problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/._-]", "")));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
