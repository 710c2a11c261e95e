package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * How an event travels on Kafka. {@code eventId} is unique per event (consumers de-duplicate on it: delivery is at
 * least once); {@code sequence} is the event's position in its aggregate's own history; {@code payload} is the event
 * record's JSON, read according to {@code eventType} and {@code revision}. Student events carry {@code districtId}
 * and {@code studentId}; region events carry {@code regionId} (added in v1.1, optional).
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
}
