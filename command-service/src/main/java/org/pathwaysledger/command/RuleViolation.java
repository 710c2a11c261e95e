package org.pathwaysledger.command;

import org.pathwaysledger.events.value.InvalidValueException;

/** A well-formed value that an aggregate's history or the region's rules do not allow (e.g. a pathway entry before birth). */
public class RuleViolation extends InvalidValueException {

    public RuleViolation(String field, String value, String problem) {
        super(field, value, problem);
    }
}
