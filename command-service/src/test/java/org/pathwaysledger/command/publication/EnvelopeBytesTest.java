package org.pathwaysledger.command.publication;

import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.wire.PublishedJson;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope is written straight into the Kafka record's bytes; they must be, byte for byte, what the publisher's
 * Jackson generator wrote before (the published contract), absent fields, escapes and non-ASCII text included.
 */
class EnvelopeBytesTest {

    @Test
    void writes_the_bytes_the_json_generator_wrote() throws Exception {
        byte[] payload = "{\"districtId\":\"D1\",\"name\":\"Zoë \\\"Z\\\" 🎓\",\"n\":[1,2.5,null]}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2025-08-20T10:15:30.120Z");
        assertSame("7b0c7a8e-1111-4d2a-8f00-000000000001", "StudentEnrolledInPathway", "2", null, "D1", "S1", 3, at, payload);
        assertSame("id", "RegionMemberAdded", null, "R1", null, null, 0, Instant.parse("2025-08-20T10:15:30Z"), payload);
        assertSame("id", "Odd", "1", "quote\" backslash\\ tab\t newline\n nul\u0000 bell\u0007 del\u007f", "Zoë-ß", "日本", -1L, null, payload);
    }

    @Test
    void writes_occurred_at_as_instant_to_string_does() throws Exception {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        for (String at : new String[] {"2025-08-20T10:15:30Z", "2025-08-20T10:15:30.100Z", "2025-08-20T10:15:30.000100Z",
                "2025-08-20T10:15:30.000000001Z", "2025-08-20T10:15:30.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
                "1000-01-01T00:00:00Z", "0999-12-31T23:59:59.5Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
                "-0001-06-15T12:00:00Z", "1969-12-31T23:59:59.001Z"}) {
            assertSame("id", "StudentRegistered", "1", null, "D1", "S1", 0, Instant.parse(at), payload);
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-40_000_000_000L, 260_000_000_000L), random.nextInt(4) == 0 ? 0
                    : random.nextBoolean() ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            assertSame("id", "StudentRegistered", "1", null, "D1", "S1", i, at, payload);
        }
    }

    @Test
    void writes_random_ids_as_the_generator_wrote_them() throws Exception {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        String[] alphabet = {"a", "Z", "0", "-", "_", ".", "/", ":", "~", " ", "'", "{", "}", "\"", "\\", "\t", "\n", "\r", "\u0000", "\u001f",
                "\u007f", "\u0080", "é", "ß", "日", "\uD83C\uDF93"};
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 5_000; i++) {
            String[] ids = new String[4];
            for (int k = 0; k < ids.length; k++) {
                StringBuilder id = new StringBuilder();
                int length = random.nextInt(12);
                boolean plain = random.nextBoolean();
                for (int c = 0; c < length; c++) {
                    // Half the ids printable ASCII only (the fast path), half from the whole alphabet.
                    id.append(plain ? (char) (0x20 + random.nextInt(0x5f)) : alphabet[random.nextInt(alphabet.length)]);
                }
                ids[k] = id.toString();
            }
            assertSame(ids[0], "StudentRegistered", "1", ids[1], ids[2], ids[3], i, null, payload);
        }
    }

    private static void assertSame(String eventId, String eventType, String revision, String regionId, String districtId, String studentId,
                                   long sequence, Instant occurredAt, byte[] payload) throws Exception {
        byte[] written = EventPublisher.envelope(eventId, eventType, revision, regionId, districtId, studentId, sequence, occurredAt, payload);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(asTheGeneratorWroteIt(eventId, eventType, revision, regionId, districtId, studentId, sequence, occurredAt, payload));
    }

    /** The publisher's previous code: a JSON generator of the published settings on a text writer. */
    private static String asTheGeneratorWroteIt(String eventId, String eventType, String revision, String regionId, String districtId,
                                                String studentId, long sequence, Instant occurredAt, byte[] payload) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = PublishedJson.mapper().getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("eventId", eventId);
            generator.writeStringField("eventType", eventType);
            writeIfPresent(generator, "revision", revision);
            writeIfPresent(generator, "regionId", regionId);
            writeIfPresent(generator, "districtId", districtId);
            writeIfPresent(generator, "studentId", studentId);
            generator.writeNumberField("sequence", sequence);
            writeIfPresent(generator, "occurredAt", occurredAt == null ? null : occurredAt.toString());
            generator.writeFieldName("payload");
            generator.writeRawValue(new String(payload, StandardCharsets.UTF_8));
            generator.writeEndObject();
        }
        return out.toString();
    }

    private static void writeIfPresent(JsonGenerator generator, String field, String value) throws Exception {
        if (value != null) {
            generator.writeStringField(field, value);
        }
    }
}
