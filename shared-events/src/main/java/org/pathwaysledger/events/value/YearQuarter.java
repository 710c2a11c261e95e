package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;

/** A calendar quarter of a state wage record, written {@code 2027Q2}. */
public record YearQuarter(int year, int quarter) {

    public YearQuarter {
        if (year < 1950 || year > 2100 || quarter < 1 || quarter > 4) {
            throw new InvalidValueException("year_quarter", year + "Q" + quarter, "is not a quarter; use the form 2027Q2");
        }
    }

    @JsonCreator
    public static YearQuarter of(String text) {
        return parse("year_quarter", text);
    }

    public static YearQuarter parse(String field, String text) {
        if (text == null || !isQuarterForm(text.trim().toUpperCase())) {
            throw new InvalidValueException(field, text == null ? null : Identifier.abbreviate(text), "is not a quarter; use the form 2027Q2");
        }
        String trimmed = text.trim().toUpperCase();
        return new YearQuarter(Integer.parseInt(trimmed.substring(0, 4)), trimmed.charAt(5) - '0');
    }

    /** {@code \d{4}Q[1-4]} without a regular expression. */
    static boolean isQuarterForm(String text) {
        return text.length() == 6 && Digits.all(text, 0, 4) && text.charAt(4) == 'Q' && text.charAt(5) >= '1' && text.charAt(5) <= '4';
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
    }

    @JsonValue
    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
