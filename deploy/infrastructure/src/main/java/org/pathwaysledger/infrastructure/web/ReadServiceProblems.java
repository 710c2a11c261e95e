package org.pathwaysledger.infrastructure.web;

import org.pathwaysledger.events.value.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.UUID;

/**
 * The errors every read service answers alike, as application/problem+json and never with a stack trace: an
 * invalid parameter names its field, value and fix; anything unexpected is logged with a reference the caller
 * can quote. A service's own {@code @RestControllerAdvice} extends it with its own cases.
 */
public abstract class ReadServiceProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReadServiceProblems.class);

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not answer; quote reference " + reference + " to the platform team.");
        problem.setTitle("Internal error");
        return problem;
    }
}
