package org.pathwaysledger.query.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.infrastructure.projection.EventProjection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;

/** Keeps each student's current record, pathway enrolments and journey timeline. Every write is a keyed upsert. */
public class JourneyProjection implements EventProjection {

    private final ObjectMapper json = PublishedJson.mapper();

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        if (event instanceof StudentRegistered registered) {
            upsertStudent(tx, envelope, registered.registration(), registered.effectiveDate());
            timeline(tx, envelope, registered.effectiveDate(), "Registered at school " + registered.registration().schoolId()
                    + " in grade " + registered.registration().gradeLevel().code());
        } else if (event instanceof StudentDetailsChanged changed) {
            upsertStudent(tx, envelope, changed.registration(), changed.effectiveDate());
            timeline(tx, envelope, changed.effectiveDate(), "Details changed from " + changed.effectiveDate());
        } else if (event instanceof StudentEnrolledInPathway enrolled) {
            try (PreparedStatement upsert = tx.prepareStatement("""
                    insert into pathway_enrollment (district_id, student_id, pathway_id, school_id, entry_date, status)
                    values (?, ?, ?, ?, ?, 'ENROLLED')
                    on conflict (district_id, student_id, pathway_id)
                    do update set school_id = excluded.school_id, entry_date = excluded.entry_date, status = 'ENROLLED'""")) {
                upsert.setString(1, enrolled.districtId().value());
                upsert.setString(2, enrolled.studentId().value());
                upsert.setString(3, enrolled.pathwayId().value());
                upsert.setString(4, enrolled.schoolId().value());
                upsert.setDate(5, Date.valueOf(enrolled.entryDate()));
                upsert.executeUpdate();
            }
            timeline(tx, envelope, enrolled.entryDate(), "Entered pathway " + enrolled.pathwayId() + " at school " + enrolled.schoolId());
        }
    }

    private void upsertStudent(Connection tx, EventEnvelope envelope, StudentRegistration registration, LocalDate effectiveDate) throws SQLException {
        // A change back-dated before the one already shown does not replace the current record.
        try (PreparedStatement upsert = tx.prepareStatement("""
                insert into student (district_id, student_id, state_student_id, birth_date, school_id, grade_level, cohort_year,
                                     demographics, effective_date, registered_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                on conflict (district_id, student_id) do update set
                    state_student_id = excluded.state_student_id, birth_date = excluded.birth_date,
                    school_id = excluded.school_id, grade_level = excluded.grade_level, cohort_year = excluded.cohort_year,
                    demographics = excluded.demographics, effective_date = excluded.effective_date, updated_at = excluded.updated_at
                where student.effective_date <= excluded.effective_date""")) {
            upsert.setString(1, envelope.districtId());
            upsert.setString(2, envelope.studentId());
            upsert.setString(3, registration.stateStudentId());
            upsert.setDate(4, Date.valueOf(registration.birthDate()));
            upsert.setString(5, registration.schoolId().value());
            upsert.setString(6, registration.gradeLevel().code());
            upsert.setObject(7, registration.cohortYear());
            upsert.setString(8, write(registration.demographics()));
            upsert.setDate(9, Date.valueOf(effectiveDate));
            upsert.setTimestamp(10, Timestamp.from(envelope.occurredAt()));
            upsert.setTimestamp(11, Timestamp.from(envelope.occurredAt()));
            upsert.executeUpdate();
        }
    }

    private void timeline(Connection tx, EventEnvelope envelope, LocalDate eventDate, String summary) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                insert into journey_event (district_id, student_id, sequence, event_id, event_type, event_date, occurred_at, summary, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (district_id, student_id, sequence) do nothing""")) {
            insert.setString(1, envelope.districtId());
            insert.setString(2, envelope.studentId());
            insert.setLong(3, envelope.sequence());
            insert.setString(4, envelope.eventId());
            insert.setString(5, envelope.eventType());
            insert.setDate(6, eventDate == null ? null : Date.valueOf(eventDate));
            insert.setTimestamp(7, Timestamp.from(envelope.occurredAt()));
            insert.setString(8, summary);
            insert.setString(9, envelope.payload().toString());
            insert.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
