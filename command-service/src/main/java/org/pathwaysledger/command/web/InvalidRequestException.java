package org.pathwaysledger.command.web;

import org.pathwaysledger.events.value.InvalidValueException;

import java.util.List;

/** A request with one or more invalid fields; answered 400 with each field's problem. */
public class InvalidRequestException extends RuntimeException {

    private final List<InvalidValueException> problems;

    public InvalidRequestException(List<InvalidValueException> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public List<InvalidValueException> problems() {
        return problems;
    }
}
