package org.pathwaysledger.infrastructure.projection;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.wire.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;

/** A read model fed from the published topics. It writes on the consumer's transaction; it never commits. */
@FunctionalInterface
public interface EventProjection {

    void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) throws SQLException;

    /** Several read models of one service, fed by one consumer in one transaction. */
    static EventProjection all(EventProjection... projections) {
        return (transaction, envelope, event) -> {
            for (EventProjection projection : projections) {
                projection.apply(transaction, envelope, event);
            }
        };
    }
}
