package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One run of a profile over a district's exports. Files that contribute to other files' rows (CALPADS SPRG, SELA and
 * SENR; Ed-Fi associations) are read first into compact per-student values; then the files that produce rows are
 * streamed, each row joined with its student's values and written at once. No file is ever held whole.
 */
final class Conversion {

    /** Past this many, errors are counted rather than listed: a file in the wrong layout fails on every row. */
    static final int MAX_LISTED_ERRORS = 10_000;

    private final MappingProfile profile;
    private final String districtId;
    private final Path outputDirectory;
    private final List<ConversionError> errors = new ArrayList<>();
    private long unlistedErrors;
    private final List<String> warnings = new ArrayList<>();
    private final Map<ImportKind, CanonicalCsvWriter> writers = new EnumMap<>(ImportKind.class);
    private final Map<ImportKind, Path> written = new EnumMap<>(ImportKind.class);
    private final Map<ImportKind, ContributedValues> contributions = new EnumMap<>(ImportKind.class);
    /** Flags whose files were given: a student those files do not mention has the flag N, not "not given". */
    private final Map<ImportKind, Set<String>> answeredFlags = new EnumMap<>(ImportKind.class);

    Conversion(MappingProfile profile, String districtId, Path outputDirectory) {
        this.profile = profile;
        this.districtId = districtId;
        this.outputDirectory = outputDirectory;
    }

    ConversionResult run(List<SourceFile> sources) {
        Map<SourceLayout, List<SourceFile>> given = new LinkedHashMap<>();
        profile.layouts().forEach(layout -> given.put(layout, new ArrayList<>()));
        for (SourceFile source : sources) {
            profile.layoutOf(source.fileName()).ifPresentOrElse(layout -> given.get(layout).add(source),
                    () -> report(new ConversionError(source.fileName(), 0, null, null, "is not a file the " + profile.name()
                            + " profile reads; it reads files whose names start with " + profile.acceptedFileNames())));
        }
        given.values().removeIf(List::isEmpty);
        try {
            Files.createDirectories(outputDirectory);
            prepare(given);
            given.forEach((layout, files) -> {
                if (layout.contributes() != null) {
                    files.forEach(file -> read(layout, file));
                }
            });
            given.forEach((layout, files) -> {
                if (layout.contributes() == null) {
                    files.forEach(file -> read(layout, file));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + outputDirectory, e);
        } finally {
            writers.values().forEach(CanonicalCsvWriter::close);
        }
        if (unlistedErrors > 0) {
            warnings.add(unlistedErrors + " more row problems were found but not listed; correct the ones listed (often one cause) and convert again");
        }
        return new ConversionResult(written, errors, warnings);
    }

    /**
     * Opens the canonical files the given exports produce, sets up the joins, and refuses up front a file whose rows
     * need a column that only an absent file gives (SINF rows take their grade level from SENR).
     */
    private void prepare(Map<SourceLayout, List<SourceFile>> given) {
        Set<ImportKind> contributedTo = new LinkedHashSet<>();
        given.keySet().stream().filter(layout -> layout.contributes() != null).forEach(layout -> {
            ImportKind kind = layout.contributes().kind();
            contributedTo.add(kind);
            contributions.computeIfAbsent(kind, k -> new ContributedValues(profile.contributedColumns(k),
                    profile.layouts().stream().filter(other -> other.contributes() != null && other.contributes().kind() == k
                            && other.contributes().combine() == Contribution.Combine.LATEST).toList()));
        });
        Set<ImportKind> produced = new LinkedHashSet<>();
        for (var entry : new ArrayList<>(given.entrySet())) {
            SourceLayout layout = entry.getKey();
            List<String> missing = layout.produces().stream()
                    .flatMap(mapping -> missingContributions(mapping, given.keySet()).stream()).toList();
            if (missing.isEmpty()) {
                layout.produces().forEach(mapping -> produced.add(mapping.kind()));
                continue;
            }
            for (SourceFile file : entry.getValue()) {
                report(new ConversionError(file.fileName(), 0, null, null, "cannot be converted alone: its rows need "
                        + String.join(" and ", missing) + "; convert it together with those files"));
            }
            given.remove(layout);
        }
        for (ImportKind kind : contributedTo) {
            answeredFlags.put(kind, profile.contributedColumns(kind).stream()
                    .filter(column -> CanonicalColumns.isFlag(column)
                            && profile.contributorsOf(kind, column).stream().anyMatch(given::containsKey))
                    .collect(Collectors.toSet()));
        }
        for (ImportKind kind : produced) {
            Path file = outputDirectory.resolve(kind.fileName() + ".csv");
            writers.put(kind, new CanonicalCsvWriter(file, profile.columnsOf(kind)));
            written.put(kind, file);
            warnAboutAbsentContributors(kind, given.keySet());
        }
        for (ImportKind kind : contributedTo) {
            if (!produced.contains(kind)) {
                String files = given.keySet().stream().filter(layout -> layout.contributes() != null && layout.contributes().kind() == kind)
                        .map(SourceLayout::type).collect(Collectors.joining(", "));
                warnings.add(files + ": read only to complete " + kind.fileName() + " rows, but no file that produces them was given, so "
                        + (files.contains(",") ? "their" : "its") + " values were not used");
            }
        }
    }

    /** Required columns of the mapping's rows that only absent files give: "grade_level (from SENR)". */
    private List<String> missingContributions(RowMapping mapping, Set<SourceLayout> present) {
        List<String> missing = new ArrayList<>();
        for (String column : mapping.kind().requiredColumns()) {
            if (column.equals("district_id") || mapping.columns().containsKey(column)) {
                continue;
            }
            List<SourceLayout> contributors = profile.contributorsOf(mapping.kind(), column);
            if (contributors.stream().noneMatch(present::contains)) {
                missing.add(column + " (from " + contributors.stream().map(SourceLayout::type).collect(Collectors.joining(" or ")) + ")");
            }
        }
        return missing;
    }

    private void warnAboutAbsentContributors(ImportKind kind, Set<SourceLayout> present) {
        Map<String, List<String>> absent = new LinkedHashMap<>();
        for (String column : profile.contributedColumns(kind)) {
            List<SourceLayout> contributors = profile.contributorsOf(kind, column);
            if (contributors.stream().noneMatch(present::contains)) {
                String types = contributors.stream().map(SourceLayout::type).collect(Collectors.joining(" or "));
                absent.computeIfAbsent(types, key -> new ArrayList<>()).add(column);
            }
        }
        absent.forEach((types, columns) -> warnings.add("No " + types + " file was given: the " + kind.fileName() + " rows carry no "
                + String.join(", ", columns) + (columns.stream().anyMatch(CanonicalColumns::isFlag) ? " (a flag not given reads as N)" : "")));
    }

    private void read(SourceLayout layout, SourceFile file) {
        ProblemSink problems = (line, column, value, problem) -> report(new ConversionError(file.fileName(), line, column, value, problem));
        boolean any = layout.format() == SourceLayout.Format.JSON
                ? JsonArrayExport.read(layout, file, record -> convert(layout, file, record), problems)
                : DelimitedExport.read(layout, file, record -> convert(layout, file, record), problems);
        if (!any) {
            warnings.add(file.fileName() + ": the file is empty");
        }
    }

    private void convert(SourceLayout layout, SourceFile file, SourceRecord record) {
        Set<ConversionError> problems = new LinkedHashSet<>();
        if (layout.contributes() != null) {
            contribute(layout, file, record, problems);
        }
        for (RowMapping mapping : layout.produces()) {
            produce(mapping, file, record, problems);
        }
        problems.forEach(this::report);
    }

    private void contribute(SourceLayout layout, SourceFile file, SourceRecord record, Set<ConversionError> problems) {
        Contribution contribution = layout.contributes();
        if (contribution.when() != null && !contribution.when().holds(record)) {
            return;
        }
        ValueRule.Outcome student = contribution.key().apply(record, false);
        if (refused(student, file, record, problems)) {
            return;
        }
        if (student.value().isEmpty()) {
            problems.add(new ConversionError(file.fileName(), record.line(), student.column(), null,
                    "is empty; it gives the student_id that joins this record to the student's " + contribution.kind().fileName() + " row"));
            return;
        }
        String order = "";
        if (contribution.combine() == Contribution.Combine.LATEST) {
            ValueRule.Outcome latest = contribution.latestBy().apply(record, false);
            if (refused(latest, file, record, problems)) {
                return;
            }
            order = latest.value();
        }
        Map<String, String> values = new HashMap<>();
        for (var column : contribution.columns().entrySet()) {
            ValueRule.Outcome outcome = column.getValue().apply(record, CanonicalColumns.isFlag(column.getKey()));
            if (refused(outcome, file, record, problems) || invalid(column.getKey(), outcome, file, record, problems)) {
                return;
            }
            values.put(column.getKey(), outcome.value());
        }
        contributions.get(contribution.kind()).add(layout, student.value(), values, order);
    }

    private void produce(RowMapping mapping, SourceFile file, SourceRecord record, Set<ConversionError> problems) {
        if (mapping.when() != null && !mapping.when().holds(record)) {
            return;
        }
        ImportKind kind = mapping.kind();
        Map<String, String> row = new HashMap<>();
        row.put("district_id", districtId);
        boolean valid = true;
        for (var column : mapping.columns().entrySet()) {
            String name = column.getKey();
            ValueRule.Outcome outcome = column.getValue().apply(record, CanonicalColumns.isFlag(name));
            if (refused(outcome, file, record, problems) || invalid(name, outcome, file, record, problems)) {
                valid = false;
                continue;
            }
            if (outcome.value().isEmpty() && kind.requiredColumns().contains(name)) {
                problems.add(new ConversionError(file.fileName(), record.line(), outcome.column(), null,
                        "is empty; it gives " + name + ", which every " + kind.fileName() + " row needs"));
                valid = false;
                continue;
            }
            row.put(name, outcome.value());
        }
        ContributedValues joined = contributions.get(kind);
        if (joined != null && valid) {
            String student = row.get("student_id");
            for (String column : joined.columns()) {
                String value = joined.valueOf(student, column);
                if (value.isEmpty() && answeredFlags.get(kind).contains(column)) {
                    value = "N";
                }
                if (value.isEmpty() && kind.requiredColumns().contains(column)) {
                    String from = profile.contributorsOf(kind, column).stream().map(SourceLayout::type).collect(Collectors.joining(" or "));
                    problems.add(new ConversionError(file.fileName(), record.line(), column, null, "is required, and no " + from
                            + " record of student '" + student + "' gives it; include the student's " + from + " record"));
                    valid = false;
                }
                row.put(column, value);
            }
        }
        if (valid) {
            writers.get(kind).write(row);
        }
    }

    private static boolean refused(ValueRule.Outcome outcome, SourceFile file, SourceRecord record, Set<ConversionError> problems) {
        if (outcome.problem() == null) {
            return false;
        }
        SourceValueProblem problem = outcome.problem();
        problems.add(new ConversionError(file.fileName(), record.line(), problem.column(), problem.value(), problem.problem()));
        return true;
    }

    private static boolean invalid(String column, ValueRule.Outcome outcome, SourceFile file, SourceRecord record, Set<ConversionError> problems) {
        var problem = CanonicalColumns.problem(column, outcome.value());
        problem.ifPresent(text -> problems.add(new ConversionError(file.fileName(), record.line(), outcome.column(), outcome.sourceValue(), text)));
        return problem.isPresent();
    }

    private void report(ConversionError error) {
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(error);
        } else {
            unlistedErrors++;
        }
    }
}
