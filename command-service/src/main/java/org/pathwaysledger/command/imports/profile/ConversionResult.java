package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a conversion wrote: one canonical CSV file per import kind the given exports produce (in dependency order,
 * students first, so they can be imported in map order), the rows it could not convert, and notes that need no
 * correction.
 */
public record ConversionResult(Map<ImportKind, Path> canonicalFiles, List<ConversionError> errors, List<String> warnings) {

    public ConversionResult {
        EnumMap<ImportKind, Path> ordered = new EnumMap<>(ImportKind.class);
        ordered.putAll(canonicalFiles);
        canonicalFiles = Collections.unmodifiableMap(ordered);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
