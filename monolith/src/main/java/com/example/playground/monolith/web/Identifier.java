package com.example.playground.monolith.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id a client may send (SKU, customer id, order id): 1 to 64 ASCII letters, digits, {@code .},
 * {@code _} or {@code -}, starting with a letter or a digit; the same rule as the services', so the
 * same request is refused the same way. Anything else is a 400 {@code validation-failed} before any
 * lookup. {@code null} passes, as with every Bean Validation constraint: add {@code @NotNull}.
 */
@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    String message() default "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
