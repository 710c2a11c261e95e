package org.pathwaysledger.events.value;

/**
 * A value a district gave that the published language cannot accept. It names the field (the CSV column or JSON
 * property), the value as given and what would be accepted, in words a district data clerk understands.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String value;
    private final String problem;

    public InvalidValueException(String field, String value, String problem) {
        super(describe(field, value, problem));
        this.field = field;
        this.value = value;
        this.problem = problem;
    }

    private static String describe(String field, String value, String problem) {
        return value == null ? field + ": " + problem : field + ": '" + value + "' " + problem;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }
}
