package org.pathwaysledger.events.value;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Dates as the import format writes them: {@code YYYY-MM-DD}. */
public final class IsoDate {

    private IsoDate() {
    }

    /** An optional date: empty means "not given". */
    public static LocalDate parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, Identifier.abbreviate(value), "is not a date; use YYYY-MM-DD, e.g. 2025-08-20");
        }
    }

    public static LocalDate required(String field, String value) {
        LocalDate date = parse(field, value);
        if (date == null) {
            throw new InvalidValueException(field, null, "is required; use YYYY-MM-DD");
        }
        return date;
    }
}
