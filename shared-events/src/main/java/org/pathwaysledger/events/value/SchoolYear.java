package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;

/** A school year written as districts write it, {@code 2025-26}: July 1 of the first year to June 30 of the next. */
public record SchoolYear(int startYear) {

    public SchoolYear {
        if (startYear < 1950 || startYear > 2100) {
            throw new InvalidValueException("school_year", String.valueOf(startYear), "is not a plausible school year");
        }
    }

    @JsonCreator
    public static SchoolYear of(String text) {
        return parse("school_year", text);
    }

    public static SchoolYear parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, null, "is required; use the form 2025-26");
        }
        String trimmed = text.trim();
        if (isSchoolYearForm(trimmed)) {
            int start = Integer.parseInt(trimmed.substring(0, 4));
            int end = Integer.parseInt(trimmed.substring(5));
            if ((start + 1) % 100 == end) {
                return new SchoolYear(start);
            }
        }
        throw new InvalidValueException(field, Identifier.abbreviate(trimmed), "is not a school year; use the form 2025-26");
    }

    /** {@code \d{4}-\d{2}} without a regular expression (every event with a school year reads one). */
    static boolean isSchoolYearForm(String text) {
        return text.length() == 7 && Digits.all(text, 0, 4) && text.charAt(4) == '-' && Digits.all(text, 5, 7);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 7, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, 6, 30);
    }

    @JsonValue
    @Override
    public String toString() {
        int nextYear = (startYear + 1) % 100;
        return startYear + (nextYear < 10 ? "-0" : "-") + nextYear;
    }
}
