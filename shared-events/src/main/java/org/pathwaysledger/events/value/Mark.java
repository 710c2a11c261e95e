package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.List;

/** A course mark as districts export it: a letter grade (A+ to F), P / NP, or a number (0 to 100). */
public record Mark(String value) {

    private static final List<String> PASSING_LETTERS = List.of("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-");
    private static final List<String> LETTERS = List.of("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F");
    /** On a 100-point scale, C- is 70 in most district grading scales. */
    private static final BigDecimal NUMERIC_C_MINUS = BigDecimal.valueOf(70);

    public Mark {
        if (!LETTERS.contains(value) && !value.equals("P") && !value.equals("NP") && !isNumber(value)) {
            throw new InvalidValueException("mark", Identifier.abbreviate(value), "is not a mark; use a letter grade A+ to F, P or NP, or a number from 0 to 100");
        }
    }

    @JsonCreator
    public static Mark of(String value) {
        return new Mark(value);
    }

    public static Mark parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalised = value.trim().toUpperCase();
        try {
            return new Mark(normalised);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, e.value(), e.problem());
        }
    }

    /** Passed with C- or better (California's capstone rule); P counts as passed. */
    public boolean isCMinusOrBetter() {
        if (PASSING_LETTERS.contains(value) || value.equals("P")) {
            return true;
        }
        return isNumber(value) && new BigDecimal(value).compareTo(NUMERIC_C_MINUS) >= 0;
    }

    /** Completed the course: any letter but F, P, or at least 60 on a 100-point scale. */
    public boolean isPassing() {
        if (value.equals("F") || value.equals("NP")) {
            return false;
        }
        return !isNumber(value) || new BigDecimal(value).compareTo(BigDecimal.valueOf(60)) >= 0;
    }

    private static boolean isNumber(String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            return number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(100)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
