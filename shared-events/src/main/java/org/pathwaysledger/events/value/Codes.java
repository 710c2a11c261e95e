package org.pathwaysledger.events.value;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads a code from a closed list, naming the list in the error: the one way every coded column is parsed. */
public final class Codes {

    private Codes() {
    }

    public static <E extends Enum<E>> E parse(String field, String value, Class<E> codes, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(codes, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, Identifier.abbreviate(value), "is not " + what + "; use " + accepted(codes));
        }
    }

    public static <E extends Enum<E>> E required(String field, String value, Class<E> codes, String what) {
        E code = parse(field, value, codes, what);
        if (code == null) {
            throw new InvalidValueException(field, null, "is required; use " + accepted(codes));
        }
        return code;
    }

    static <E extends Enum<E>> String accepted(Class<E> codes) {
        String[] names = Arrays.stream(codes.getEnumConstants()).map(Enum::name).toArray(String[]::new);
        if (names.length == 1) {
            return names[0];
        }
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or " + names[names.length - 1];
    }

    /** An optional free-text value, trimmed and bounded. */
    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > maxLength || trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidValueException(field, Identifier.abbreviate(trimmed), "must be at most " + maxLength + " printable characters");
        }
        return trimmed;
    }

    /** An optional decimal of at least zero (hours, credits, wages). */
    public static java.math.BigDecimal nonNegative(String field, String value, java.math.BigDecimal max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        java.math.BigDecimal number;
        try {
            number = new java.math.BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, Identifier.abbreviate(value), "is not a number; use digits with an optional decimal point, e.g. 3.5");
        }
        if (number.signum() < 0 || number.compareTo(max) > 0) {
            throw new InvalidValueException(field, value.trim(), "must be between 0 and " + max.toPlainString());
        }
        return number;
    }
}
