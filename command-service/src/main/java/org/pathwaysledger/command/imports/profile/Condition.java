package org.pathwaysledger.command.imports.profile;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which source records a mapping applies to: those whose field is given (or not), or holds one of some codes. Records
 * it leaves out are skipped silently: they are not errors, they are records of another kind (a SENR record without a
 * completion status states no milestone).
 */
record Condition(String field, boolean descriptor, Set<String> in, Boolean present) {

    Condition {
        in = in == null ? null : in.stream().map(code -> code.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean holds(SourceRecord record) {
        var values = record.values(field);
        if (present != null) {
            return present != values.isEmpty();
        }
        return values.stream()
                .map(value -> descriptor ? Descriptors.codeValue(value) : value)
                .anyMatch(value -> in.contains(value.toUpperCase(Locale.ROOT)));
    }
}
