package org.pathwaysledger.command.imports.profile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of district export a profile reads (a CALPADS SINF extract, an Ed-Fi Student.json): how to recognise it by
 * its file name, how to read it, and what it produces or contributes. {@code positions} names the fields of a file
 * without a header (1-based); {@code fields} is every source field the layout reads, and {@code paths} their compiled
 * form in a JSON layout.
 */
record SourceLayout(String type, List<String> fileNamePrefixes, Format format, char delimiter, boolean header,
                    Map<String, Integer> positions, Set<String> fields, Map<String, JsonPath> paths, List<RowMapping> produces,
                    Contribution contributes) {

    enum Format { DELIMITED, JSON }

    SourceLayout {
        fileNamePrefixes = List.copyOf(fileNamePrefixes);
        positions = Map.copyOf(positions);
        fields = Set.copyOf(fields);
        paths = Map.copyOf(paths);
        produces = List.copyOf(produces);
    }
}
