package org.pathwaysledger.events.value;

import org.pathwaysledger.events.wire.IsoTime;

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
        String text = value.trim();
        // The plain form by hand (an import reads a date or two per row; DateTimeFormatter's general parser cost ~13%
        // of the import's reading thread); anything else, and every error, as LocalDate.parse has it.
        LocalDate date = IsoTime.parseDate(text);
        if (date != null) {
            return date;
        }
        try {
            return LocalDate.parse(text);
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
