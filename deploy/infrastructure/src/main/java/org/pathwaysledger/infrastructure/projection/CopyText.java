package org.pathwaysledger.infrastructure.projection;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Rows in PostgreSQL's COPY text format, written straight into UTF-8 bytes from the values a projection has at hand
 * (strings, numbers, {@link LocalDate}s, {@link Instant}s): no {@code java.sql.Timestamp} or statement per row, and
 * dates and instants formatted by hand. For bulk loads where the JVM's cost per row matters (a rebuild's catch-up).
 *
 * <p>An instant is written in UTC, rounded to microseconds half up, as the JDBC driver rounds a bound timestamp (and
 * as {@link StatementBatch}'s COPY writes it), so both paths store the same value.
 */
public final class CopyText {

    private static final byte[] NULL = {'\\', 'N'};
    private byte[] bytes;
    private int length;
    private int rows;
    private boolean rowStarted;

    public CopyText(int initialBytes) {
        this.bytes = new byte[Math.max(64, initialBytes)];
    }

    public int rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Ends the current row. */
    public CopyText endRow() {
        put((byte) '\n');
        rows++;
        rowStarted = false;
        return this;
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    public CopyText nullValue() {
        separate();
        ensure(2);
        bytes[length++] = NULL[0];
        bytes[length++] = NULL[1];
        return this;
    }

    /** A text value, escaped ({@code \\}, tab, newline, carriage return); null as {@code \N}. */
    public CopyText text(String value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        int n = value.length();
        ensure(n + 8);
        // The common case first: ASCII with nothing to escape, copied without a bounds check or switch per character.
        byte[] out = bytes;
        int at = length;
        int plain = 0;
        while (plain < n) {
            char c = value.charAt(plain);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            out[at++] = (byte) c;
            plain++;
        }
        length = at;
        for (int i = plain; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: the rest of the string through the JDK's encoder (surrogate pairs included).
                appendEscapedSlow(value, i);
                return this;
            }
            switch (c) {
                case '\\' -> putTwo('\\', '\\');
                case '\t' -> putTwo('\\', 't');
                case '\n' -> putTwo('\\', 'n');
                case '\r' -> putTwo('\\', 'r');
                default -> put((byte) c);
            }
        }
        return this;
    }

    private void appendEscapedSlow(String value, int from) {
        StringBuilder rest = new StringBuilder(value.length() - from + 8);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rest.append("\\\\");
                case '\t' -> rest.append("\\t");
                case '\n' -> rest.append("\\n");
                case '\r' -> rest.append("\\r");
                default -> rest.append(c);
            }
        }
        byte[] encoded = rest.toString().getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
    }

    public CopyText number(long value) {
        separate();
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return this;
            }
            put((byte) '-');
            value = -value;
        }
        int start = length;
        do {
            put((byte) ('0' + value % 10));
            value /= 10;
        } while (value != 0);
        reverse(start, length - 1);
        return this;
    }

    /** An integer that may be null. */
    public CopyText number(Integer value) {
        return value == null ? nullValue() : number(value.longValue());
    }

    public CopyText decimal(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        ascii(value.toPlainString());
        return this;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A {@code bytea} value in PostgreSQL's hex form ({@code \x} and two digits a byte, the backslash escaped); null as {@code \N}. */
    public CopyText bytea(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        ensure(3 + 2 * value.length);
        byte[] out = bytes;
        int at = length;
        out[at++] = '\\';
        out[at++] = '\\';
        out[at++] = 'x';
        for (byte b : value) {
            out[at++] = HEX[(b >> 4) & 0xF];
            out[at++] = HEX[b & 0xF];
        }
        length = at;
        return this;
    }

    public CopyText bool(boolean value) {
        separate();
        put((byte) (value ? 't' : 'f'));
        return this;
    }

    /** A date as {@code yyyy-mm-dd} (years 1 to 9999; others as {@link LocalDate#toString}). */
    public CopyText date(LocalDate value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        int year = value.getYear();
        if (year < 1 || year > 9999) {
            ascii(value.toString());
            return this;
        }
        ensure(10);
        digits(year, 4);
        put((byte) '-');
        digits(value.getMonthValue(), 2);
        put((byte) '-');
        digits(value.getDayOfMonth(), 2);
        return this;
    }

    /**
     * An instant in UTC, {@code yyyy-mm-ddThh:mm:ss.ffffffZ}, rounded to microseconds half up (years 1 to 9999; others
     * through {@link Instant#toString} after the same rounding).
     */
    public CopyText instant(Instant value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        long seconds = value.getEpochSecond();
        long micros = (value.getNano() + 500) / 1000;
        if (micros == 1_000_000) {
            seconds++;
            micros = 0;
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; proleptic Gregorian, as java.time).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9999) {
            ascii(Instant.ofEpochSecond(seconds, micros * 1000).toString());
            return this;
        }
        ensure(27);
        digits((int) year, 4);
        put((byte) '-');
        digits(month, 2);
        put((byte) '-');
        digits(day, 2);
        put((byte) 'T');
        digits(secondOfDay / 3600, 2);
        put((byte) ':');
        digits(secondOfDay / 60 % 60, 2);
        put((byte) ':');
        digits(secondOfDay % 60, 2);
        put((byte) '.');
        digits((int) micros, 6);
        put((byte) 'Z');
        return this;
    }

    /** The text as a string (for tests and messages). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Sends the rows with {@code copy <target> from stdin} on {@code connection}; then empties this buffer. */
    public void copyInto(Connection connection, String target) throws SQLException {
        if (rows == 0) {
            return;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin");
        try {
            copy.writeToCopy(bytes, 0, length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        length = 0;
        rows = 0;
        rowStarted = false;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bytes[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte b = bytes[from];
            bytes[from++] = bytes[to];
            bytes[to--] = b;
        }
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void putTwo(char a, char b) {
        ensure(2);
        bytes[length++] = (byte) a;
        bytes[length++] = (byte) b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
