package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The canonical rows a source record produces: their kind, which records produce one, and each column's rule. */
record RowMapping(ImportKind kind, Condition when, Map<String, ValueRule> columns) {

    RowMapping {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
