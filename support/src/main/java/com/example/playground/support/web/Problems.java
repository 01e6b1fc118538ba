package com.example.playground.support.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type}: clients branch on the type, never on the
 * wording of the title or detail. Every type the playground uses is listed in docs/problems.md.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:playground:problem:";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
