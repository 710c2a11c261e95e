package org.pathwaysledger.command.student;

import org.pathwaysledger.events.value.InvalidValueException;

/** A well-formed value that the student's history does not allow (e.g. a pathway entry before birth). */
public class StudentRuleViolation extends InvalidValueException {

    public StudentRuleViolation(String field, String value, String problem) {
        super(field, value, problem);
    }
}
