package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The race codes a district may report for a student (any number of them); Hispanic ethnicity is a separate flag. */
public enum RaceCode {
    AIAN, ASIAN, BLACK, NHPI, WHITE, MENA;

    static final String ACCEPTED = "use AIAN, ASIAN, BLACK, NHPI, WHITE or MENA, and hispanic=Y for Hispanic or Latino";

    @JsonValue
    public String code() {
        return name();
    }

    @JsonCreator
    public static RaceCode fromCode(String code) {
        return parse("races", code);
    }

    public static RaceCode parse(String field, String code) {
        try {
            return valueOf(code.trim().toUpperCase());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, code == null ? null : Identifier.abbreviate(code), "is not a race code; " + ACCEPTED);
        }
    }
}
