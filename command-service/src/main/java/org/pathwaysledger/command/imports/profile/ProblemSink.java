package org.pathwaysledger.command.imports.profile;

/** Where a reader reports what stops a record or the rest of a file: line (0 for the whole file), column, value, problem. */
interface ProblemSink {

    void problem(long line, String column, String value, String problem);
}
