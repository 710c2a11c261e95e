package org.pathwaysledger.command.imports.profile;

/**
 * One problem of one source row, in the source's own terms: the district's file, its line (1-based; 0 for the file
 * as a whole), the source column (a header name, {@code position 14 (Student Gender Code)} or a JSON path), the value
 * as given and what would be accepted. A row with a problem is not converted; the other rows are.
 */
public record ConversionError(String file, long line, String column, String value, String problem) {

    /** Reads as IMPORT-FORMAT.md's errors: {@code SINF.txt line 3, column position 14 (Student Gender Code): 'Q' is not ...}. */
    public String message() {
        return file + " line " + line + (column == null ? "" : ", column " + column) + ": "
                + (value == null ? "" : "'" + value + "' ") + problem;
    }
}
