package com.example.playground.support.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Gives Spring MVC's own errors (bad JSON, failed validation, wrong media type) the same stable
 * problem types as ours, so every 4xx a client sees is a ProblemDetail it can branch on.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandling::describe)
                .toList();
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                "The request is not valid", errors.size() + " field(s) are not valid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A path variable, query parameter or header that breaks its constraint (an {@link Identifier}, say). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.<String, Object>of(
                        "field", nameOf(result.getMethodParameter()),
                        "message", error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                "The request is not valid", errors.size() + " parameter(s) are not valid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A body that is not JSON, or JSON of another shape or type than the endpoint's (request bodies
     * are read strictly: see {@link StrictJson}). The detail names the field, never echoes the value.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The body is not the JSON this endpoint expects";
        String field = null;
        if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            field = path(json);
            if (json instanceof UnrecognizedPropertyException) {
                detail = "'" + field + "' is not a property of this request";
            } else if (json instanceof MismatchedInputException
                    || json instanceof tools.jackson.core.exc.InputCoercionException) {
                detail = "'" + field + "' does not have the expected type or range; values are taken as written, never"
                        + " converted (1.5 is not a whole number, \"2\" is not a number, 7 is not text)";
            }
        } else if (ex.getCause() instanceof JacksonException) {
            detail = "The body is not well-formed JSON: broken syntax, a property given twice, or something after the value";
        }
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body could not be read", detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** A query parameter or path variable that cannot be the type it must be ({@code ?limit=ten}). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "A request parameter is not valid", "Parameter '" + name + "' must be a " + wordFor(type)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "Send the body as application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "missing-parameter",
                "A request parameter is missing", "Parameter '" + ex.getParameterName() + "' is required"));
    }

    /** Every other Spring MVC error (404, 405, ...) still gets a stable type, named after its status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own errors (404 for an unknown path, say) come with no body yet: take theirs.
        Object problemBody = body == null && ex instanceof ErrorResponse error ? error.getBody() : body;
        // No type (Spring 7 leaves it null) or about:blank: give it the status's name.
        if (problemBody instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String slug = status == null ? "http-" + statusCode.value()
                    : status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(Problems.TYPE_PREFIX + slug));
        }
        return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
    }

    private static String wordFor(String type) {
        return switch (type) {
            case "int", "Integer", "long", "Long" -> "whole number";
            default -> type;
        };
    }

    /** items[0].quantity, as a client wrote it. */
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

    /** The name the client used: the header, query parameter or path variable, not the Java parameter. */
    private static String nameOf(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        String name = header != null ? either(header.name(), header.value())
                : param != null ? either(param.name(), param.value())
                : variable != null ? either(variable.name(), variable.value()) : "";
        return name.isEmpty() ? String.valueOf(parameter.getParameterName()) : name;
    }

    private static String either(String name, String value) {
        return name.isEmpty() ? value : name;
    }

    private static Map<String, Object> describe(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage());
    }
}
