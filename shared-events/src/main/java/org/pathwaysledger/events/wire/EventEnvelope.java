package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.time.Instant;

/**
 * How an event travels on Kafka. {@code eventId} is unique per event (consumers de-duplicate on it: delivery is at
 * least once); {@code sequence} is the event's position in its aggregate's own history; {@code payload} is the event
 * record's JSON, read according to {@code eventType} and {@code revision}. Student events carry {@code districtId}
 * and {@code studentId}; region events carry {@code regionId} (added in v1.1, optional).
 *
 * <p>An envelope read by {@link EnvelopeReader} keeps its payload as the JSON text it had on the wire (a
 * {@code POJONode} of a {@code RawValue}: written back or printed it gives that text), not as a tree: read the event
 * with {@link PublishedEventTypes#read} or take the one the reader returned, and the text with {@link #payloadJson()}.
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        String revision,
        String regionId,
        String districtId,
        String studentId,
        long sequence,
        Instant occurredAt,
        JsonNode payload) {

    /** The payload's JSON text (as it was on the wire when read by {@link EnvelopeReader}); null without a payload. */
    @JsonIgnore
    public String payloadJson() {
        if (payload == null) {
            return null;
        }
        if (payload instanceof POJONode raw && raw.getPojo() instanceof RawValue text) {
            return text.rawValue().toString();
        }
        return payload.toString();
    }
}
