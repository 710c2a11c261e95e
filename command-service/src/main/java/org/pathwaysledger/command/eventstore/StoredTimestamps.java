package org.pathwaysledger.command.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.pathwaysledger.events.wire.IsoTime;

import java.time.Instant;
import java.time.LocalDate;

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

    /**
     * The stored text as an instant, exactly as Axon's {@code DateTimeUtils.parseInstant} reads it: the published
     * language's hand parser ({@link IsoTime}) takes the {@code yyyy-mm-ddThh:mm:ss.fffZ} form, Axon's parser any other.
     */
    static Instant parse(String text) {
        Instant instant = text == null ? null : IsoTime.parseInstant(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }

    private static void digits(char[] text, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
