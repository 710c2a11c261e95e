package org.pathwaysledger.command.imports.profile;

import java.util.List;

/** One record of a district export, read by the names its layout gives the source fields. */
interface SourceRecord {

    /** The line the record starts on, 1-based. */
    long line();

    /** The field's values, trimmed, empty ones left out: none, one, or several when a JSON path crosses an array. */
    List<String> values(String field);

    /** How an error names the field: a header name, {@code position 14 (Student Gender Code)} or a JSON path. */
    String column(String field);
}
