package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO dates ({@code 2026-06-01}) and instants ({@code 2026-11-26T03:11:39.123456Z}) read by hand, for the consumers'
 * reading of envelopes: every event carries one instant and a date or more, and {@code DateTimeFormatter}'s general
 * parser costs several times what these fixed forms need.
 *
 * <p>Only the forms the published language writes are taken here: a date as exactly {@code yyyy-mm-dd}, an instant as
 * {@code yyyy-mm-ddThh:mm:ss[.f to fffffffff]Z}, both with a valid calendar date, hours 00-23, minutes and seconds
 * 00-59. Anything else (other forms, leap seconds, offsets, numbers, invalid dates) returns null from the parsers, and
 * the {@linkplain #module() module}'s deserializers then hand the value to Jackson's own ones, so the result, or the
 * error, is what Jackson gives. {@code IsoTimeTest} holds the parsers equal to {@code DateTimeFormatter}.
 */
public final class IsoTime {

    private IsoTime() {
    }

    /** The date of {@code text} if it is exactly {@code yyyy-mm-dd} and a valid date; null otherwise. */
    public static LocalDate parseDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The instant of {@code text} if it is {@code yyyy-mm-ddThh:mm:ss[.fraction]Z} in range; null otherwise. */
    public static Instant parseInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        LocalDate date = parseDate(text.substring(0, 10));
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            // A fraction: '.', then 1 to 9 digits, then the 'Z'.
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits from {@code from}; -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Deserializers of {@link LocalDate} and {@link Instant} that take the published forms by hand, the rest to Jackson's. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("IsoTime");
        module.addDeserializer(LocalDate.class, new Dates(LocalDateDeserializer.INSTANCE));
        module.addDeserializer(Instant.class, new Instants(InstantDeserializer.INSTANT));
        return module;
    }

    private static final class Dates extends StdScalarDeserializer<LocalDate> {
        private final JsonDeserializer<LocalDate> jackson;

        Dates(JsonDeserializer<LocalDate> jackson) {
            super(LocalDate.class);
            this.jackson = jackson;
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                LocalDate date = parseDate(parser.getText());
                if (date != null) {
                    return date;
                }
            }
            return jackson.deserialize(parser, context);
        }
    }

    private static final class Instants extends StdScalarDeserializer<Instant> {
        private final JsonDeserializer<Instant> jackson;

        Instants(JsonDeserializer<Instant> jackson) {
            super(Instant.class);
            this.jackson = jackson;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant instant = parseInstant(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return jackson.deserialize(parser, context);
        }
    }
}
