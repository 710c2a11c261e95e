package org.pathwaysledger.command.imports.profile;

/** A source value a rule cannot turn into a canonical one: the source column, the value as given and why. */
record SourceValueProblem(String column, String value, String problem) {
}
