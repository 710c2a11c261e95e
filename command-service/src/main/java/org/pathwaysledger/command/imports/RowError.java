package org.pathwaysledger.command.imports;

/**
 * One problem of one rejected row: the file, the line, the column, the value as given and what would be accepted.
 * {@link #message()} reads as IMPORT-FORMAT.md shows: {@code students.csv line 214, column races: 'Hisp' is not a
 * race code; use ...}.
 */
public record RowError(long index, int fileOrder, String file, long line, String column, String value, String problem) {

    public String message() {
        return file + " line " + line + (column == null ? "" : ", column " + column) + ": "
                + (value == null ? "" : "'" + value + "' ") + problem;
    }
}
