package org.pathwaysledger.infrastructure.projection;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.wire.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A read model fed from the published topics. It writes on the consumer's transaction; it never commits. */
@FunctionalInterface
public interface EventProjection {

    /**
     * One event of a polled batch: read, not a duplicate, to be applied. {@code position} is where its record was:
     * {@code partition << 40 | offset} (-1 when it did not come from Kafka). A key's events (a student's, a region's)
     * are on one partition, so their positions are their delivery order.
     */
    record Delivered(EventEnvelope envelope, PublishedEvent event, long position) {

        public Delivered(EventEnvelope envelope, PublishedEvent event) {
            this(envelope, event, -1);
        }

        public static long position(int partition, long offset) {
            return ((long) partition << 40) | offset;
        }
    }

    void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) throws SQLException;

    /**
     * Applies a whole polled batch, in order, on the consumer's transaction. By default one event at a time; a read
     * model that can write a batch with fewer round trips (JDBC batches, set-wise statements) overrides this, and
     * must leave the same rows as applying the events one by one.
     */
    default void applyBatch(Connection transaction, List<Delivered> events) throws SQLException {
        for (Delivered delivered : events) {
            apply(transaction, delivered.envelope(), delivered.event());
        }
    }

    /** Several read models of one service, fed by one consumer in one transaction. */
    static EventProjection all(EventProjection... projections) {
        return (transaction, envelope, event) -> {
            for (EventProjection projection : projections) {
                projection.apply(transaction, envelope, event);
            }
        };
    }
}
