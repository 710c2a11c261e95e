package org.pathwaysledger.command.eventstore;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoField;

/**
 * The event store's timestamps, written and read in Axon's own text form ({@code 2026-11-26T00:45:14.123Z}: UTC,
 * always three fraction digits) without Axon's {@code DateTimeFormatter}s. Axon formats every appended event's
 * timestamp and parses every stored one (twice per published event: once to decide whether a gap in the global index
 * may still fill, once for the message), and the general-purpose formatter was a fifth of the Kafka publisher's CPU.
 * Anything not in exactly that form (another year width, an offset, no fraction) goes through Axon's own parser and
 * formatter, so the stored text and the instants read back are the same as Axon's.
 */
final class StoredTimestamps {

    private static final int LENGTH = "2026-11-26T00:45:14.123Z".length();
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FOUR_DIGIT_YEAR = LocalDate.of(1000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long FIRST_FIVE_DIGIT_YEAR = LocalDate.of(10000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private StoredTimestamps() {
    }

    /** The instant as Axon's JDBC engine stores it. */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds >= FIRST_FIVE_DIGIT_YEAR) {
            return DateTimeUtils.formatInstant(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int millis = instant.getNano() / 1_000_000;
        char[] text = new char[LENGTH];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, millis, 3);
        text[23] = 'Z';
        return new String(text);
    }

    /** The stored text as an instant, exactly as Axon's {@code DateTimeUtils.parseInstant} reads it. */
    static Instant parse(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int millis = number(text, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            // Not plain digits, a leap second, an impossible field: Axon's parser answers (or refuses) it.
            return DateTimeUtils.parseInstant(text);
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return DateTimeUtils.parseInstant(text);
        }
        long epochDay = LocalDate.of(year, month, day).getLong(ChronoField.EPOCH_DAY);
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The decimal number in {@code text[from, from + width)}, or -1 when any of it is not an ASCII digit. */
    private static int number(String text, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] text, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
