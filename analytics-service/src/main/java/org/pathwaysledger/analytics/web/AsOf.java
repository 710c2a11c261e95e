package org.pathwaysledger.analytics.web;

import org.pathwaysledger.events.value.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The moment a metric is asked "as of": a date means everything the ledger knew by the end of that day (UTC), a
 * timestamp that instant; no value means now.
 */
public final class AsOf {

    private static final Instant NOW_AND_ALWAYS = Instant.parse("9999-12-31T23:59:59Z");

    private AsOf() {
    }

    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return NOW_AND_ALWAYS;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("asOf", value.length() > 40 ? value.substring(0, 40) + "..." : value,
                    "is not a date or an instant; use YYYY-MM-DD (end of that day, UTC) or e.g. 2026-10-07T17:00:00Z");
        }
    }

    /** The instant as an answer shows it: null for "now". */
    public static Instant shown(Instant asOf) {
        return NOW_AND_ALWAYS.equals(asOf) ? null : asOf;
    }
}
