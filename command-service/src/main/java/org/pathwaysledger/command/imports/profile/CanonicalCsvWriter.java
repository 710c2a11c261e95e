package org.pathwaysledger.command.imports.profile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes one canonical import file as IMPORT-FORMAT.md reads it: UTF-8, a header row, RFC 4180 quoting, CRLF. */
final class CanonicalCsvWriter implements AutoCloseable {

    private final List<String> columns;
    private final Writer out;

    CanonicalCsvWriter(Path file, List<String> columns) {
        this.columns = List.copyOf(columns);
        try {
            this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 64 * 1024);
            writeRecord(columns);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    void write(Map<String, String> row) {
        try {
            writeRecord(columns.stream().map(column -> row.getOrDefault(column, "")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRecord(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(cells.get(i)));
        }
        out.write("\r\n");
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
