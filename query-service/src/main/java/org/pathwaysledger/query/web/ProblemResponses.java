package org.pathwaysledger.query.web;

import org.pathwaysledger.infrastructure.web.ReadServiceProblems;
import org.pathwaysledger.infrastructure.web.DistrictKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query service's errors: the shared ones, and a student or pathway this read model does not know, a district's data asked without its key. */
@RestControllerAdvice
public class ProblemResponses extends ReadServiceProblems {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(DistrictKeys.DistrictAccessDenied.class)
    ProblemDetail districtOnly(DistrictKeys.DistrictAccessDenied e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.unauthenticated() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("District access key needed");
        return problem;
    }
}
