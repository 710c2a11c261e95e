package org.pathwaysledger.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.wire.IsoTime;
import org.pathwaysledger.events.wire.PublishedJson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written ISO parsers against {@code DateTimeFormatter} (what Jackson uses) on edge and random inputs: a value
 * they return is the formatter's, they never return a value where the formatter fails, and they do take the
 * published forms (else they would only ever hand over). Through a mapper, the module gives the same value, or the same
 * error, as Jackson's own deserializers.
 */
class IsoTimeTest {

    private static final ObjectMapper JACKSON = PublishedJson.mapper();
    private static final ObjectMapper FAST = PublishedJson.mapper().registerModule(IsoTime.module());

    @Test
    void dates_are_what_iso_local_date_reads() {
        List<String> inputs = new ArrayList<>(List.of("2026-06-01", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2026-02-30",
                "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "1900-02-29", "2000-02-29", "2026-6-01", "2026-06-1",
                "2026/06/01", " 2026-06-01", "2026-06-01 ", "+2026-06-01", "-0001-01-01", "12026-06-01", "2026-06-01T00:00", "", "2026-0６-01",
                "2026-06-0a", "２０２６-06-01", "2026--6-01", "2026-06-01Z"));
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            inputs.add(randomDate(random));
        }
        int taken = 0;
        for (String input : inputs) {
            LocalDate expected = parseOrNull(() -> LocalDate.parse(input, DateTimeFormatter.ISO_LOCAL_DATE));
            LocalDate fast = IsoTime.parseDate(input);
            if (fast != null) {
                taken++;
                assertThat(fast).as(input).isEqualTo(expected);
            } else if (input.length() == 10 && input.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
                assertThat(expected).as("a canonical date left to the formatter: %s", input).isNull();
            }
        }
        assertThat(taken).isGreaterThan(50_000);
    }

    @Test
    void instants_are_what_iso_instant_reads() {
        List<String> inputs = new ArrayList<>(List.of("2026-11-26T03:11:39Z", "2026-11-26T03:11:39.1Z", "2026-11-26T03:11:39.123456789Z",
                "2026-11-26T03:11:39.1234567890Z", "2026-11-26T03:11:39.Z", "2026-11-26T24:00:00Z", "2026-11-26T23:59:60Z", "2026-11-26T23:60:00Z",
                "2026-11-26T03:11:39+00:00", "2026-11-26T03:11:39.5+01:00", "2026-11-26t03:11:39Z", "2026-11-26T03:11:39z", "2026-11-26T03:11Z",
                "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00Z", "2026-11-26T03:11:3aZ", "2026-11-26T03:11:39.12a4Z", "2026-11-26 03:11:39Z", "+2026-11-26T03:11:39Z", ""));
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            inputs.add(randomInstant(random));
        }
        int taken = 0;
        for (String input : inputs) {
            Instant expected = parseOrNull(() -> DateTimeFormatter.ISO_INSTANT.parse(input, Instant::from));
            Instant fast = IsoTime.parseInstant(input);
            if (fast != null) {
                taken++;
                assertThat(fast).as(input).isEqualTo(expected);
            }
        }
        assertThat(taken).isGreaterThan(50_000);
        // Every instant the published language writes is read by hand.
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            assertThat(IsoTime.parseInstant(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    @Test
    void through_a_mapper_the_same_value_or_the_same_error_as_jacksons_own() throws Exception {
        List<String> values = List.of("\"2026-06-01\"", "\"2026-02-30\"", "\" 2026-06-01 \"", "\"\"", "null", "20260601", "[2026,6,1]",
                "\"2026-06-01T10:00:00\"", "\"2026-06-01T10:00:00Z\"", "\"junk\"", "\"2026-11-26T03:11:39.123Z\"", "\"2026-11-26T23:59:60Z\"",
                "\"2026-11-26T03:11:39+02:00\"", "1764126699", "1764126699.5", "\"1764126699\"", "true", "{}");
        for (Class<?> type : List.of(LocalDate.class, Instant.class)) {
            for (String json : values) {
                assertThat(read(FAST, json, type)).as("%s as %s", json, type.getSimpleName()).isEqualTo(read(JACKSON, json, type));
            }
        }
    }

    private static String read(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return String.valueOf(mapper.readValue(json, type));
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage().replaceAll("\\(through reference chain.*", "");
        }
    }

    private static String randomDate(Random random) {
        if (random.nextInt(10) == 0) {
            // Noise around the form: a character changed.
            char[] text = LocalDate.ofEpochDay(random.nextInt(3_000_000)).toString().toCharArray();
            text[random.nextInt(text.length)] = "0123456789-+T :/Za".charAt(random.nextInt(18));
            return new String(text);
        }
        return String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
    }

    private static String randomInstant(Random random) {
        String fraction = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "." + String.format("%09d", random.nextInt(1_000_000_000)).substring(0, 1 + random.nextInt(9));
            case 2 -> "." + String.format("%06d", random.nextInt(1_000_000));
            default -> "." + String.format("%03d", random.nextInt(1_000));
        };
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(31),
                random.nextInt(25), random.nextInt(61), random.nextInt(61), fraction);
        if (random.nextInt(10) == 0) {
            char[] chars = text.toCharArray();
            chars[random.nextInt(chars.length)] = "0123456789-+T :.Za".charAt(random.nextInt(18));
            return new String(chars);
        }
        return text;
    }

    private interface Parse<T> {
        T parse();
    }

    private static <T> T parseOrNull(Parse<T> parse) {
        try {
            return parse.parse();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
