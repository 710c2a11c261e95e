package org.pathwaysledger.events.value;

/** The one rule for every identifier a district or region gives: short, printable, no separators we use ourselves. */
final class Identifier {

    static final int MAX_LENGTH = 64;

    private Identifier() {
    }

    static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, null, "is required");
        }
        if (!isAllowed(value)) {
            throw new InvalidValueException(field, abbreviate(value),
                    "is not a valid identifier; use 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} (ASCII only), checked with a loop: every event a consumer reads builds
     * three to five identifiers, and a regular expression's matcher per value was a measurable part of reading one.
     * {@code IdentifierRuleTest} runs both over many strings.
     */
    static boolean isAllowed(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Keeps hostile or huge input out of error messages and logs. */
    static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
