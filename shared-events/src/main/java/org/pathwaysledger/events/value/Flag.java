package org.pathwaysledger.events.value;

/** Yes/no values as districts write them: {@code Y}/{@code N}, {@code true}/{@code false}, {@code 1}/{@code 0}. */
public final class Flag {

    private Flag() {
    }

    /** An optional flag: empty means "not given", which the caller defaults (usually to no). */
    public static Boolean parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toUpperCase()) {
            case "Y", "YES", "TRUE", "1" -> Boolean.TRUE;
            case "N", "NO", "FALSE", "0" -> Boolean.FALSE;
            default -> throw new InvalidValueException(field, Identifier.abbreviate(value), "is not a flag; use Y or N (also true/false, 1/0)");
        };
    }
}
