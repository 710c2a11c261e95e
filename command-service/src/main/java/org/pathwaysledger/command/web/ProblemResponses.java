package org.pathwaysledger.command.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.events.value.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every error leaves the service as application/problem+json naming the field, the value and the fix; never a
 * stack trace. Unexpected failures are logged with a reference the caller can quote.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return fieldProblems(HttpStatus.BAD_REQUEST, "Invalid request", e.problems());
    }

    @ExceptionHandler(org.pathwaysledger.infrastructure.web.DistrictKeys.DistrictAccessDenied.class)
    ProblemDetail districtOnly(org.pathwaysledger.infrastructure.web.DistrictKeys.DistrictAccessDenied e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.unauthenticated() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("District access key needed");
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return fieldProblems(HttpStatus.UNPROCESSABLE_ENTITY, "Refused by the student's history", List.of(e));
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException e) {
        return fieldProblems(HttpStatus.BAD_REQUEST, "Invalid request", List.of(e));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notRecorded(AggregateNotFoundException e, jakarta.servlet.http.HttpServletRequest request) {
        boolean student = request.getRequestURI().contains("/students/");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, student
                ? "Student " + e.getAggregateIdentifier() + " is not registered; register the student first with "
                        + "PUT /api/v1/districts/{districtId}/students/{studentId}"
                : "'" + e.getAggregateIdentifier() + "' is not recorded yet; create it first (a region with PUT /api/v1/regions/{regionId}, "
                        + "a pathway with PUT /api/v1/regions/{regionId}/pathways/{pathwayId}, an agreement with PUT .../agreements/{agreementId})");
        problem.setTitle(student ? "Student not registered" : "Not recorded yet");
        return problem;
    }






    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON; send one JSON object with the fields listed in the API documentation");
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not complete the request; nothing was recorded. Quote reference " + reference + " to the platform team.");
        problem.setTitle("Internal error");
        return problem;
    }

    static ProblemDetail fieldProblems(HttpStatus status, String title, List<? extends InvalidValueException> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                String.join("; ", problems.stream().map(Throwable::getMessage).toList()));
        problem.setTitle(title);
        problem.setProperty("errors", problems.stream().map(p -> {
            java.util.LinkedHashMap<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("field", p.field());
            if (p.value() != null) {
                error.put("value", p.value());
            }
            error.put("problem", p.problem());
            return (Map<String, Object>) error;
        }).toList());
        return problem;
    }
}
