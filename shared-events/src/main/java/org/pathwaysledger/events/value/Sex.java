package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Sex as districts report it (CEDS Sex, with the non-binary and not-selected options CALPADS uses). */
public enum Sex {
    F("Female"), M("Male"), X("Non-binary"), U("Not selected");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @JsonValue
    public String code() {
        return name();
    }

    @JsonCreator
    public static Sex fromCode(String code) {
        return parse("sex", code);
    }

    public static Sex parse(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException(field, null, "is required; use F, M, X (non-binary) or U (not selected)");
        }
        try {
            return valueOf(code.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, Identifier.abbreviate(code), "is not a sex code; use F, M, X (non-binary) or U (not selected)");
        }
    }
}
