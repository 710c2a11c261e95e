package org.pathwaysledger.command.imports.profile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How one canonical column gets its value from a source record: a constant, or one or more source fields whose values
 * go, in this order, through the descriptor's code value, a code lookup, a date format and a school-year transform.
 * Several values (several race fields, a JSON array) are joined with a separator, or else reduced to one: a flag is
 * {@code Y} when any value is, any other column takes the first value.
 */
final class ValueRule {

    /** The school-year forms districts export: {@code 2025-2026}, {@code 2025-26}, or the ending year {@code 2026}. */
    enum Transform {
        SCHOOL_YEAR, SCHOOL_YEAR_START, SCHOOL_YEAR_END;

        static final String ACCEPTED = "is not a school year; use 2025-2026, 2025-26 or the ending year 2026";

        String apply(String text) {
            int start = startYear(text);
            if (start < 0) {
                return null;
            }
            return switch (this) {
                case SCHOOL_YEAR -> String.format("%d-%02d", start, (start + 1) % 100);
                case SCHOOL_YEAR_START -> LocalDate.of(start, 7, 1).toString();
                case SCHOOL_YEAR_END -> LocalDate.of(start + 1, 6, 30).toString();
            };
        }

        private static int startYear(String text) {
            if (text.matches("\\d{4}")) {
                return Integer.parseInt(text) - 1;
            }
            if (text.matches("\\d{4}-\\d{4}")) {
                int start = Integer.parseInt(text.substring(0, 4));
                return Integer.parseInt(text.substring(5)) == start + 1 ? start : -1;
            }
            if (text.matches("\\d{4}-\\d{2}")) {
                int start = Integer.parseInt(text.substring(0, 4));
                return Integer.parseInt(text.substring(5)) == (start + 1) % 100 ? start : -1;
            }
            return -1;
        }
    }

    /** A rule's value for one record, with the source field and value it came from; or the problem that stopped it. */
    record Outcome(String value, String column, String sourceValue, SourceValueProblem problem) {

        static Outcome refused(String column, String sourceValue, String problem) {
            return new Outcome(null, column, sourceValue, new SourceValueProblem(column, sourceValue, problem));
        }
    }

    private final List<String> fields;
    private final String constant;
    private final boolean descriptor;
    private final CodeLookup lookup;
    private final String datePattern;
    private final DateTimeFormatter dateFormat;
    private final Transform transform;
    private final String separator;
    private final String defaultValue;
    private final String ifPresent;

    ValueRule(List<String> fields, String constant, boolean descriptor, CodeLookup lookup, String datePattern,
              Transform transform, String separator, String defaultValue, String ifPresent) {
        this.fields = List.copyOf(fields);
        this.constant = constant;
        this.descriptor = descriptor;
        this.lookup = lookup;
        this.datePattern = datePattern;
        this.dateFormat = datePattern == null ? null
                : DateTimeFormatter.ofPattern(datePattern.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        this.transform = transform;
        this.separator = separator;
        this.defaultValue = defaultValue;
        this.ifPresent = ifPresent;
    }

    Outcome apply(SourceRecord record, boolean flagColumn) {
        if (ifPresent != null && record.values(ifPresent).isEmpty()) {
            return new Outcome("", record.column(ifPresent), null, null);
        }
        if (constant != null) {
            return new Outcome(constant, "(constant)", constant, null);
        }
        List<Outcome> found = new ArrayList<>();
        for (String field : fields) {
            for (String raw : record.values(field)) {
                Outcome outcome = convert(record.column(field), raw);
                if (outcome.problem() != null) {
                    return outcome;
                }
                if (!outcome.value().isEmpty()) {
                    found.add(outcome);
                }
            }
        }
        String column = record.column(fields.get(0));
        if (found.isEmpty()) {
            return new Outcome(defaultValue == null ? "" : defaultValue, column, null, null);
        }
        if (separator != null) {
            Set<String> distinct = new LinkedHashSet<>();
            found.forEach(outcome -> distinct.add(outcome.value()));
            return new Outcome(String.join(separator, distinct), column, found.get(0).sourceValue(), null);
        }
        if (flagColumn) {
            for (Outcome outcome : found) {
                if (outcome.value().equalsIgnoreCase("Y")) {
                    return outcome;
                }
            }
        }
        return found.get(0);
    }

    private Outcome convert(String column, String raw) {
        String value = descriptor ? Descriptors.codeValue(raw) : raw;
        if (lookup != null) {
            var translated = lookup.translate(value);
            if (translated.isEmpty()) {
                return Outcome.refused(column, raw, lookup.refusal());
            }
            value = translated.get();
            if (value.isEmpty()) {
                return new Outcome("", column, raw, null);
            }
        }
        if (dateFormat != null) {
            try {
                value = LocalDate.parse(value, dateFormat).toString();
            } catch (DateTimeParseException e) {
                return Outcome.refused(column, raw, "is not a date in the form " + datePattern.toUpperCase(Locale.ROOT));
            }
        }
        if (transform != null) {
            String transformed = transform.apply(value);
            if (transformed == null) {
                return Outcome.refused(column, raw, Transform.ACCEPTED);
            }
            value = transformed;
        }
        return new Outcome(value, column, raw, null);
    }

    /** Every value the rule can give without reading a source value as it is, for checking the profile on load. */
    List<String> fixedValues() {
        List<String> values = new ArrayList<>();
        if (constant != null) {
            values.add(constant);
        }
        if (defaultValue != null) {
            values.add(defaultValue);
        }
        if (lookup != null && dateFormat == null && transform == null) {
            lookup.values().forEach(values::add);
        }
        return values;
    }

    String separator() {
        return separator;
    }
}
