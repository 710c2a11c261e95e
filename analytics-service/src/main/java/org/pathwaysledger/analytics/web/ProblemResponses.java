package org.pathwaysledger.analytics.web;

import org.pathwaysledger.infrastructure.web.ReadServiceProblems;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The analytics service answers errors as every read service does (see ReadServiceProblems). */
@RestControllerAdvice
public class ProblemResponses extends ReadServiceProblems {
}
