package org.pathwaysledger.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, double-quoted fields (quotes doubled inside), line breaks inside
 * quotes, CRLF or LF, a UTF-8 byte-order mark tolerated; a stray quote inside an unquoted field is read as a character. It holds one record at a time, so memory stays flat
 * whatever the file size, and it refuses what is not UTF-8 text (a spreadsheet, a zip) with a clear message.
 * Mapping profiles read other delimiters with it (CALPADS extracts are caret-separated), hence public.
 */
public final class CsvReader implements AutoCloseable {

    /** A record and the line it starts on (1-based, as a text editor counts). */
    public record Record(long line, List<String> fields) {
    }

    static final int MAX_RECORD_CHARS = 64 * 1024;
    static final int MAX_FIELDS = 200;

    private final Reader reader;
    private final char delimiter;
    private long line = 1;
    private int pushedBack = -2;
    private boolean started;

    public CsvReader(InputStream in) {
        this(in, ',');
    }

    public CsvReader(InputStream in, char delimiter) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.delimiter = delimiter;
    }

    /** The next record, or null at the end of the file. */
    public Record next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        while (c == '\r' || c == '\n') {
            endOfLine(c);
            c = read();
        }
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordChars = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (++recordChars > MAX_RECORD_CHARS) {
                throw new MalformedCsvException(startLine, "the record is longer than " + MAX_RECORD_CHARS
                        + " characters; check for a missing closing quote");
            }
            if (quoted) {
                if (c == -1) {
                    throw new MalformedCsvException(startLine, "a quoted field is not closed before the end of the file; "
                            + "a field that starts with \" must end with \" (write \"\" for a quote inside it)");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                c = read();
                continue;
            }
            // A stray quote inside an unquoted field is kept as a character: the cell's own check then names the
            // column and the value, and the rest of the file is still read.
            if (c == delimiter || c == '\r' || c == '\n' || c == -1) {
                fields.add(field.toString());
                if (fields.size() > MAX_FIELDS) {
                    throw new MalformedCsvException(startLine, "the record has more than " + MAX_FIELDS + " fields");
                }
                field.setLength(0);
                fieldStart = true;
                if (c == delimiter) {
                    c = read();
                    continue;
                }
                if (c != -1) {
                    endOfLine(c);
                }
                return new Record(startLine, fields);
            }
            field.append((char) c);
            fieldStart = false;
            c = read();
        }
    }

    /** Completes a line break (CRLF, LF or CR) that starts with {@code c}. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                pushedBack = after;
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            int c = reader.read();
            if (c == 0) {
                throw new MalformedCsvException(line, "the file contains a NUL character: it is not a CSV text file "
                        + "(export it from the spreadsheet as CSV UTF-8)");
            }
            return c;
        } catch (CharacterCodingException e) {
            throw new MalformedCsvException(line, "the file is not UTF-8 text; export it as CSV UTF-8 "
                    + "(in Excel: Save As, CSV UTF-8 (Comma delimited))");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** The file cannot be read further: reported once, for the file, with the line where it happened. */
    public static final class MalformedCsvException extends IOException {
        private final long line;

        MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }
}
