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
 * Refuses a path with a {@code ;} in it (400 {@code malformed-request}). Tomcat and Spring read
 * {@code /api/orders/abc;x=1} as {@code /api/orders/abc} and drop the rest without a word: a
 * request this API would answer as if it had been another. No endpoint here takes path parameters.
 */
public class PathParameterFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public PathParameterFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            var problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request could not be read",
                    "The path has a ';' in it: path parameters are not part of this API, and would be ignored");
            problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^A-Za-z0-9/._-]", "")));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
