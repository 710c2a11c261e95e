package org.pathwaysledger.analytics.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * Where a rebuild stands: the schema being built and the consumer group feeding it, events applied, what is left
 * on each partition, the rate and the estimated time to catch up; then when it switched and what became of the old
 * read model. {@code message} names the phase (replaying, computing the counts, switching); {@code phaseSeconds}
 * how long each finished phase took.
 */
public record RebuildProgress(
        String id,
        State state,
        String schema,
        String consumerGroup,
        Instant startedAt,
        long eventsApplied,
        Long lag,
        Map<String, Long> lagByPartition,
        double eventsPerSecond,
        Long etaSeconds,
        Instant switchedAt,
        String retiredSchema,
        boolean retiredSchemaDropped,
        String message,
        Map<String, Double> phaseSeconds) {

    public enum State {
        /** The new copy is being fed from offset 0; the current read model keeps serving. */
        BUILDING,
        /** Caught up: queries are being switched to the new copy. */
        SWITCHING,
        /** Queries are answered from the new copy; the old one is retired. */
        SWITCHED,
        /** The rebuild stopped; the current read model was never touched. */
        FAILED
    }
}
