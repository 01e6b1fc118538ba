package com.example.playground.monolith.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Thrown by a controller or service to answer with a problem of a stable type. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(status, Problems.problem(status, type, title, detail), null);
    }
}
