package org.pathwaysledger.command.imports.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A code table of a profile: source codes (matched without regard to case) and numeric ranges of codes to canonical
 * values. An empty canonical value means "known, but gives nothing" (a race the canonical format has no code for, a
 * program that sets no flag). A code the table does not list is an error naming the accepted codes, unless the table
 * has an {@code otherwise} value or keeps unlisted codes as they are.
 */
final class CodeLookup {

    /** Codes from {@code from} to {@code to}, both included, compared as whole numbers. */
    record Range(long from, long to, String value) {
    }

    /** Above this many codes an error names the table rather than listing them all. */
    private static final int MAX_CODES_IN_MESSAGE = 25;

    private final String name;
    private final String label;
    private final Map<String, String> codes = new LinkedHashMap<>();
    private final List<String> listed = new ArrayList<>();
    private final List<Range> ranges;
    private final String otherwise;
    private final boolean keepUnlisted;

    CodeLookup(String name, String label, Map<String, String> codes, List<Range> ranges, String otherwise, boolean keepUnlisted) {
        this.name = name;
        this.label = label;
        codes.forEach((code, value) -> {
            this.codes.put(code.trim().toUpperCase(Locale.ROOT), value);
            this.listed.add(code.trim());
        });
        this.ranges = List.copyOf(ranges);
        this.otherwise = otherwise;
        this.keepUnlisted = keepUnlisted;
    }

    /** The canonical value of a (non-empty) source code, or empty when the table does not accept it. */
    Optional<String> translate(String code) {
        String value = codes.get(code.toUpperCase(Locale.ROOT));
        if (value != null) {
            return Optional.of(value);
        }
        if (!ranges.isEmpty() && code.matches("\\d{1,18}")) {
            long number = Long.parseLong(code);
            for (Range range : ranges) {
                if (number >= range.from() && number <= range.to()) {
                    return Optional.of(range.value());
                }
            }
        }
        if (otherwise != null) {
            return Optional.of(otherwise);
        }
        return keepUnlisted ? Optional.of(code) : Optional.empty();
    }

    /** Why an unlisted code is refused: {@code is not a CALPADS gender code; use F, M, X or N}. */
    String refusal() {
        List<String> accepted = new ArrayList<>(listed);
        ranges.forEach(range -> accepted.add(range.from() + "-" + range.to()));
        if (accepted.size() > MAX_CODES_IN_MESSAGE) {
            return "is not " + article(label) + " " + label + "; use one of the " + accepted.size() + " codes of the profile's '"
                    + name + "' lookup (" + String.join(", ", accepted.subList(0, 5)) + ", ...), or add this code to it";
        }
        String list = accepted.size() == 1 ? accepted.get(0)
                : String.join(", ", accepted.subList(0, accepted.size() - 1)) + " or " + accepted.get(accepted.size() - 1);
        return "is not " + article(label) + " " + label + "; use " + list;
    }

    /** Every canonical value the table can give, for checking a profile when it is loaded. */
    Stream<String> values() {
        return Stream.concat(Stream.concat(codes.values().stream(), ranges.stream().map(Range::value)),
                Stream.ofNullable(otherwise));
    }

    private static String article(String noun) {
        return !noun.isEmpty() && "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }
}
