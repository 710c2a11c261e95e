package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.CsvReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a delimited export record by record (RFC 4180 quoting, any one-character delimiter), by header names or by
 * 1-based positions, holding one record at a time.
 */
final class DelimitedExport {

    private DelimitedExport() {
    }

    /** @return whether the file held any record */
    static boolean read(SourceLayout layout, SourceFile file, Consumer<SourceRecord> records, ProblemSink problems) {
        try (InputStream in = Files.newInputStream(file.path()); CsvReader csv = new CsvReader(in, layout.delimiter())) {
            Map<String, Integer> index = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            int width;
            CsvReader.Record record;
            if (layout.header()) {
                CsvReader.Record header = csv.next();
                if (header == null) {
                    return false;
                }
                width = header.fields().size();
                for (int i = 0; i < width; i++) {
                    index.putIfAbsent(header.fields().get(i).trim().toLowerCase(Locale.ROOT), i);
                }
                for (String field : layout.fields()) {
                    Integer at = index.get(field.toLowerCase(Locale.ROOT));
                    if (at == null) {
                        problems.problem(header.line(), field, null, "is missing from the header; a " + layout.type()
                                + " file needs the columns " + String.join(", ", layout.fields().stream().sorted().toList())
                                + "; nothing in this file was converted");
                        return true;
                    }
                    index.put(field, at);
                    names.put(field, field);
                }
            } else {
                width = 0;
                for (var position : layout.positions().entrySet()) {
                    index.put(position.getKey(), position.getValue() - 1);
                    names.put(position.getKey(), "position " + position.getValue() + " (" + position.getKey() + ")");
                    width = Math.max(width, position.getValue());
                }
            }
            boolean any = false;
            while ((record = csv.next()) != null) {
                any = true;
                int size = record.fields().size();
                if (layout.header() ? size != width : size < width) {
                    problems.problem(record.line(), null, null, fieldCountProblem(layout, size, width));
                    continue;
                }
                records.accept(new Row(record.line(), record.fields(), index, names));
            }
            return any;
        } catch (CsvReader.MalformedCsvException e) {
            problems.problem(e.line(), null, null, e.getMessage() + "; the rest of this file was not read");
            return true;
        } catch (IOException e) {
            problems.problem(0, null, null, "the file could not be read: " + e.getMessage());
            return true;
        }
    }

    private static String fieldCountProblem(SourceLayout layout, int size, int width) {
        String delimiter = "'" + layout.delimiter() + "'";
        if (layout.header()) {
            return "the row has " + size + " fields separated by " + delimiter + " but the header has " + width
                    + "; check for an unquoted " + delimiter + " or a missing cell";
        }
        String last = layout.positions().entrySet().stream().filter(entry -> entry.getValue() == width)
                .map(Map.Entry::getKey).findFirst().orElse("");
        return "the record has " + size + " field" + (size == 1 ? "" : "s") + " separated by " + delimiter + " but the " + layout.type()
                + " layout reads fields up to position " + width + " (" + last + "); check that this is a " + layout.type()
                + " file delimited by " + delimiter;
    }

    private record Row(long line, List<String> cells, Map<String, Integer> index, Map<String, String> names) implements SourceRecord {

        @Override
        public List<String> values(String field) {
            Integer at = index.get(field);
            if (at == null || at >= cells.size()) {
                return List.of();
            }
            String value = cells.get(at).trim();
            return value.isEmpty() ? List.of() : List.of(value);
        }

        @Override
        public String column(String field) {
            return names.getOrDefault(field, field);
        }
    }
}
