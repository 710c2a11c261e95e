package org.pathwaysledger.infrastructure.projection;

import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.wire.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;

/** A read model fed from the student-event topic. It writes on the consumer's transaction; it never commits. */
@FunctionalInterface
public interface StudentEventProjection {

    void apply(Connection transaction, EventEnvelope envelope, StudentEvent event) throws SQLException;
}
