package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Columns a source record adds to the canonical rows another file produces, joined on the student: CALPADS program
 * records (SPRG) set the flags of the students rows that SINF produces. With {@code ANY}, a flag is {@code Y} when any
 * record of the student says so and other columns take the last value given; with {@code LATEST}, the record with the
 * latest {@code latestBy} value gives all of this file's columns (English learner status: the newest status counts).
 */
record Contribution(ImportKind kind, ValueRule key, Combine combine, ValueRule latestBy, Condition when, Map<String, ValueRule> columns) {

    enum Combine { ANY, LATEST }

    Contribution {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
