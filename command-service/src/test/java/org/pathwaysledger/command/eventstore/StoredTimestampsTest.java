package org.pathwaysledger.command.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's timestamps are written and read without Axon's formatter; the stored text and the instants read
 * back must be exactly Axon's, or the published {@code occurredAt} (and the rows already stored) would change.
 */
class StoredTimestampsTest {

    @Test
    void writes_the_same_text_as_axon() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            // 1900 to 2100, with nanoseconds (Axon keeps milliseconds, truncated)
            Instant instant = Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 6_311_433_600L), random.nextInt(1_000_000_000));
            assertThat(StoredTimestamps.format(instant)).as(instant.toString()).isEqualTo(DateTimeUtils.formatInstant(instant));
        }
        for (String text : List.of("2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2000-01-01T00:00:00.000001Z",
                "0999-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "-0001-06-01T12:00:00Z")) {
            Instant instant = Instant.parse(text);
            assertThat(StoredTimestamps.format(instant)).as(text).isEqualTo(DateTimeUtils.formatInstant(instant));
        }
    }

    @Test
    void reads_what_axon_reads() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            String stored = DateTimeUtils.formatInstant(Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 6_311_433_600L),
                    random.nextInt(1_000) * 1_000_000));
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
        // Other forms Axon accepts (another writer, an offset, no or more fraction digits) are read as Axon reads them.
        for (String stored : List.of("2024-08-21T16:05:00.120Z", "2024-08-21T16:05:00Z", "2024-08-21T16:05:00.1Z", "2024-08-21T18:05:00.120+02:00",
                "2024-08-21T16:05:00.123456Z", "2024-02-29T00:00:00.000Z", "2024-08-21t16:05:00.120z")) {
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void refuses_what_axon_refuses() {
        for (String stored : List.of("2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-08-21T24:00:00.000Z", "2024-08-21T16:05:00.1a0Z",
                "2024-04-31T10:00:00.000Z", "not a timestamp")) {
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> StoredTimestamps.parse(stored)).as(stored).isInstanceOf(DateTimeParseException.class);
        }
    }
}
