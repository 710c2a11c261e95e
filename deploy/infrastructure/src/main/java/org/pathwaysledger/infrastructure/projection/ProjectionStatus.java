package org.pathwaysledger.infrastructure.projection;

import java.time.Instant;

/**
 * How fresh a read model is: the time of the newest event applied, when the consumer last applied a batch, how
 * many events it has applied since start, and how many events are on the topic that it has not read yet.
 */
public record ProjectionStatus(
        String consumerGroup,
        boolean running,
        Instant lastEventOccurredAt,
        Instant lastAppliedAt,
        long eventsApplied,
        long duplicatesSkipped,
        long lag) {
}
