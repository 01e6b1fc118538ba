package com.example.playground.monolith.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type}, as the services write them: clients branch
 * on the type, never on the wording of the title or detail.
 */
final class Problems {

    static final String TYPE_PREFIX = "urn:playground:problem:";

    private Problems() {
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
