package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;
import org.pathwaysledger.events.value.DistrictId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping profile: how one family of district exports (CALPADS extracts, Ed-Fi API resources) turns into the
 * canonical import files, read from a profile file (see {@code imports/profiles/README.md}). It holds no state
 * between conversions.
 */
public final class MappingProfile {

    private final String name;
    private final String description;
    private final List<SourceLayout> layouts;

    MappingProfile(String name, String description, List<SourceLayout> layouts) {
        this.name = name;
        this.description = description;
        this.layouts = List.copyOf(layouts);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /**
     * Converts a district's exports into canonical import files in {@code outputDirectory}, one per kind they produce,
     * named {@code <kind>.csv}. Every row carries {@code districtId}, the submitting district. Files are read as
     * streams; a row that cannot be converted is reported and left out, the others are written.
     *
     * @throws org.pathwaysledger.events.value.InvalidValueException if districtId is not a district id
     * @throws java.io.UncheckedIOException                         if the output directory cannot be written
     */
    public ConversionResult convert(String districtId, List<SourceFile> files, Path outputDirectory) {
        DistrictId district = DistrictId.of(districtId);
        return new Conversion(this, district.value(), outputDirectory).run(files);
    }

    List<SourceLayout> layouts() {
        return layouts;
    }

    /** The layout a file name says, by the longest matching prefix (case ignored, folders ignored). */
    Optional<SourceLayout> layoutOf(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toUpperCase(Locale.ROOT);
        SourceLayout best = null;
        int bestLength = -1;
        for (SourceLayout layout : layouts) {
            for (String prefix : layout.fileNamePrefixes()) {
                if (base.startsWith(prefix.toUpperCase(Locale.ROOT)) && prefix.length() > bestLength) {
                    best = layout;
                    bestLength = prefix.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The file names this profile reads, for the message about a file it does not. */
    String acceptedFileNames() {
        List<String> prefixes = layouts.stream().map(layout -> layout.fileNamePrefixes().get(0)).toList();
        return String.join(", ", prefixes.subList(0, prefixes.size() - 1)) + (prefixes.size() > 1 ? " or " : "")
                + prefixes.get(prefixes.size() - 1);
    }

    /** The columns other files contribute to rows of the kind, in profile order. */
    List<String> contributedColumns(ImportKind kind) {
        Set<String> columns = new LinkedHashSet<>();
        for (SourceLayout layout : layouts) {
            if (layout.contributes() != null && layout.contributes().kind() == kind) {
                columns.addAll(layout.contributes().columns().keySet());
            }
        }
        return new ArrayList<>(columns);
    }

    /** The layouts that contribute the column to rows of the kind. */
    List<SourceLayout> contributorsOf(ImportKind kind, String column) {
        return layouts.stream()
                .filter(layout -> layout.contributes() != null && layout.contributes().kind() == kind
                        && layout.contributes().columns().containsKey(column))
                .toList();
    }

    /** The canonical file's header: district_id and every column the profile can fill, in the format's order. */
    List<String> columnsOf(ImportKind kind) {
        Set<String> filled = new LinkedHashSet<>(contributedColumns(kind));
        filled.add("district_id");
        for (SourceLayout layout : layouts) {
            for (RowMapping mapping : layout.produces()) {
                if (mapping.kind() == kind) {
                    filled.addAll(mapping.columns().keySet());
                }
            }
        }
        return kind.knownColumns().stream().filter(filled::contains).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
