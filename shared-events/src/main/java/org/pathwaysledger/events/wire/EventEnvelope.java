package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * How a student event travels on Kafka. {@code eventId} is unique per event (consumers de-duplicate on it: delivery
 * is at least once); {@code sequence} is the event's position in the student's own history; {@code payload} is the
 * event record's JSON, read according to {@code eventType} and {@code revision}.
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        String revision,
        String districtId,
        String studentId,
        long sequence,
        Instant occurredAt,
        JsonNode payload) {
}
