package com.example.playground.monolith.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Gives Spring MVC's own errors the problem types the services answer with (support's
 * ProblemHandling, smaller): {@code malformed-request}, {@code validation-failed}, and for every
 * other error a type named after its status ({@code not-found}, {@code method-not-allowed}, ...).
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** A body that breaks its constraints: every broken field, by the name the client wrote. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error(error.getField(), error.getDefaultMessage()))
                .toList();
        return validationFailed(errors);
    }

    /** A path variable that is no {@link Identifier}. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> error(
                        nameOf(result.getMethodParameter().getParameterAnnotation(PathVariable.class),
                                result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage())))
                .toList();
        return validationFailed(errors);
    }

    /**
     * Not JSON, or JSON of another shape or type than the endpoint's (read strictly: see
     * {@link StrictJson}). The detail names the field, never echoes the value.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The body is not well-formed JSON: broken syntax, a property given twice, or something after the value";
        if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = path(json);
            detail = json instanceof UnrecognizedPropertyException
                    ? "'" + field + "' is not a property of this request"
                    : "'" + field + "' does not have the expected type or range; values are taken as written, never"
                            + " converted (1.5 is not a whole number, \"2\" is not a number, 7 is not text)";
        }
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body could not be read", detail));
    }

    /**
     * Another order held a row this one needs (the same customer, the same product) for longer than
     * H2's lock timeout: nothing was stored, and trying again in a moment is right. A 409, not a 5xx:
     * the request was fine, the moment was not. H2's lock timeout (error 50200) reaches Spring as a
     * query timeout, and no statement here has a timeout of its own; a deadlock as a locking failure.
     */
    @ExceptionHandler({QueryTimeoutException.class, PessimisticLockingFailureException.class})
    ResponseEntity<ProblemDetail> rowsLocked(DataAccessException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.problem(HttpStatus.CONFLICT, "rows-locked", "Rows locked by another order",
                        "Another order held the customer's or a product's row for too long; nothing was stored, try again"));
    }

    /** Every other Spring MVC error (404, 405, 415, ...) still gets a stable type, named after its status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own errors come with no body yet: take theirs.
        Object problemBody = body == null && ex instanceof ErrorResponse error ? error.getBody() : body;
        if (problemBody instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String slug = status == null ? "http-" + statusCode.value()
                    : status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(Problems.TYPE_PREFIX + slug));
        }
        return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
    }

    private static ResponseEntity<Object> validationFailed(List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                "The request is not valid", errors.size() + " field(s) are not valid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is not valid" : message);
    }

    /** The name in the URL template ({@code orderId}), which is what the client sees. */
    private static String nameOf(PathVariable variable, String parameterName) {
        String name = variable == null ? "" : variable.name().isEmpty() ? variable.value() : variable.name();
        return name.isEmpty() ? String.valueOf(parameterName) : name;
    }

    /** items[0].quantity, as the client wrote it. */
    private static String path(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
