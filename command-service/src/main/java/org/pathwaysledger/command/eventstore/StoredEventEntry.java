package org.pathwaysledger.command.eventstore;

import org.axonframework.eventhandling.GenericDomainEventEntry;

import java.time.Instant;

/**
 * A stored event as read from the event table, whose timestamp is parsed once, cheaply ({@link StoredTimestamps}),
 * instead of by Axon's formatter on every call (Axon asks a tracked event's entry for it once for the gap check and
 * once more for the message).
 */
final class StoredEventEntry extends GenericDomainEventEntry<byte[]> {

    private final String storedTimestamp;
    private Instant timestamp;

    StoredEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier, String storedTimestamp,
                     String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType, payloadRevision, payload, metaData);
        this.storedTimestamp = storedTimestamp;
    }

    @Override
    public Instant getTimestamp() {
        Instant parsed = timestamp;
        if (parsed == null) {
            parsed = StoredTimestamps.parse(storedTimestamp);
            timestamp = parsed;
        }
        return parsed;
    }
}
