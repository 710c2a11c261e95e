package org.pathwaysledger.events.value;

import java.util.regex.Pattern;

/** The one rule for every identifier a district or region gives: short, printable, no separators we use ourselves. */
final class Identifier {

    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private Identifier() {
    }

    static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, null, "is required");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException(field, abbreviate(value),
                    "is not a valid identifier; use 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** Keeps hostile or huge input out of error messages and logs. */
    static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
