package org.pathwaysledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.wire.EnvelopeReader;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.pathwaysledger.events.wire.PublishedJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-pass envelope reading the consumers use gives what reading the envelope, then its payload, gives. */
class EnvelopeReaderTest {

    private final ObjectMapper mapper = PublishedJson.mapper();
    private final EnvelopeReader reader = new EnvelopeReader(mapper);

    @Test
    void the_published_envelope_reads_into_the_same_fields_and_event_as_the_two_step_reading() throws IOException {
        byte[] wire = bytes(fixture("envelope.v1.json"));

        EnvelopeReader.Read read = reader.read(wire);

        EventEnvelope twoStep = mapper.readValue(wire, EventEnvelope.class);
        assertThat(read.event()).isEqualTo(WireContractTest.ENROLLED).isEqualTo(PublishedEventTypes.read(twoStep, mapper).orElseThrow());
        EventEnvelope envelope = read.envelope();
        assertThat(envelope.eventId()).isEqualTo("5f0c6d1e-8f43-4c55-b0a4-0d6c3a1b2e77");
        assertThat(envelope.eventType()).isEqualTo("StudentEnrolledInPathway");
        assertThat(envelope.revision()).isEqualTo("2");
        assertThat(envelope.regionId()).isNull();
        assertThat(envelope.districtId()).isEqualTo("D-0042");
        assertThat(envelope.studentId()).isEqualTo("S1001");
        assertThat(envelope.sequence()).isEqualTo(1);
        assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2024-08-21T16:05:00Z"));
        // The payload text is the wire's, so a projection storing it (journey detail) stores the same JSON, and the
        // envelope written back is the one read.
        assertThat(mapper.readTree(envelope.payloadJson())).isEqualTo(twoStep.payload());
        assertThat(mapper.readTree(mapper.writeValueAsString(envelope))).isEqualTo(fixture("envelope.v1.json"));
        assertThat(PublishedEventTypes.read(envelope, mapper)).contains(read.event());
    }

    @Test
    void unknown_fields_are_ignored_and_unknown_types_give_no_event() throws IOException {
        ObjectNode newer = (ObjectNode) fixture("envelope.v1.json");
        newer.put("traceId", "t-1");
        newer.putObject("addedInV2").put("nested", 1);
        ((ObjectNode) newer.get("payload")).put("addedInRevision2", "x");
        assertThat(reader.read(bytes(newer)).event()).isEqualTo(WireContractTest.ENROLLED);

        newer.put("eventType", "StudentTeleported");
        EnvelopeReader.Read unknown = reader.read(bytes(newer));
        assertThat(unknown.event()).isNull();
        assertThat(unknown.envelope().eventType()).isEqualTo("StudentTeleported");
    }

    @Test
    void fields_in_another_order_and_non_ascii_text_read_the_same() throws IOException {
        ObjectNode envelope = (ObjectNode) fixture("envelope.v1.json");
        JsonNode payload = envelope.remove("payload");
        ((ObjectNode) payload).with("source").put("reference", "import-3#línea-12 ✓");
        ObjectNode payloadFirst = mapper.createObjectNode();
        payloadFirst.set("payload", payload);
        payloadFirst.setAll(envelope);

        EnvelopeReader.Read read = reader.read(bytes(payloadFirst));

        assertThat(((StudentEnrolledInPathway) read.event()).source().reference()).isEqualTo("import-3#línea-12 ✓");
        envelope.set("payload", payload);
        EnvelopeReader.Read inOrder = reader.read(bytes(envelope));
        assertThat(inOrder.event()).isEqualTo(read.event());
        assertThat(mapper.readTree(inOrder.envelope().payloadJson())).isEqualTo(payload);
    }

    @Test
    void bad_json_and_payloads_that_break_the_contract_are_refused() throws IOException {
        assertThatThrownBy(() -> reader.read("{not json at all".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> reader.read("[1, 2]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        ObjectNode envelope = (ObjectNode) fixture("envelope.v1.json");
        ((ObjectNode) envelope.get("payload")).put("entryDate", "not a date");
        assertThatThrownBy(() -> reader.read(bytes(envelope)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the published contract");
    }

    private byte[] bytes(JsonNode json) throws IOException {
        return mapper.writeValueAsBytes(json);
    }

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contract/" + name)) {
            return mapper.readTree(in);
        }
    }
}
