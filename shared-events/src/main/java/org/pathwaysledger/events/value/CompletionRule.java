package org.pathwaysledger.events.value;

/**
 * How a region decides a student's pathway status (METRICS.md "Who counts"). Participant is one completed course
 * in the program under both rules.
 */
public enum CompletionRule {
    /** Perkins V: concentrator = at least two courses completed in one program. */
    PERKINS_TWO_COURSES,
    /** California K12 SWP: completer = 300 hours in one pathway and the capstone passed with C- or better. */
    CALIFORNIA_300_HOURS_CAPSTONE;

    public static CompletionRule parse(String field, String value) {
        CompletionRule rule = Codes.parse(field, value, CompletionRule.class, "a completion rule");
        return rule == null ? PERKINS_TWO_COURSES : rule;
    }
}
