package org.pathwaysledger.query.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.student.StudentExitedPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.StatementBatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Keeps each student's current record, pathway enrolments (with exits and statuses) and the timeline of every fact
 * of the journey. Every write is a keyed upsert, so a replay rebuilds the same view.
 *
 * <p>A polled batch is written in JDBC batches, in two streams that share no table: the records (student,
 * pathway_enrollment) and the timeline (journey_event). Each stream keeps the events' order, so a batch leaves the
 * same rows as applying its events one by one, while a run of registrations or enrolments becomes a few multi-row
 * statements instead of two round trips per event, and a long run by COPY ({@link StatementBatch#copying}).
 */
public class JourneyProjection implements EventProjection {

    private final ObjectMapper json = PublishedJson.mapper();
    /**
     * A run of at least this many inserts of one kind (a poll of registrations or timeline rows, as an import or a
     * consumer catching up delivers) goes by COPY through a staging table instead of bound multi-row inserts.
     */
    private static final int COPY_FROM = 200;

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent published) throws SQLException {
        applyBatch(tx, List.of(new Delivered(envelope, published)));
    }

    @Override
    public void applyBatch(Connection tx, List<Delivered> events) throws SQLException {
        try (StatementBatch records = new StatementBatch(tx).copying(COPY_FROM); StatementBatch timeline = new StatementBatch(tx).copying(COPY_FROM)) {
            for (Delivered delivered : events) {
                apply(records, timeline, delivered.envelope(), delivered.event());
            }
        }
    }

    private void apply(StatementBatch tx, StatementBatch timeline, EventEnvelope envelope, PublishedEvent published) throws SQLException {
        if (!(published instanceof StudentEvent event)) {
            return;
        }
        if (event instanceof StudentRegistered registered) {
            upsertStudent(tx, envelope, registered.registration(), registered.effectiveDate(), false);
            timeline(timeline, envelope, registered.effectiveDate(), "Registered at school " + registered.registration().schoolId()
                    + " in grade " + registered.registration().gradeLevel().code());
        } else if (event instanceof StudentDetailsChanged changed) {
            upsertStudent(tx, envelope, changed.registration(), changed.effectiveDate(), false);
            timeline(timeline, envelope, changed.effectiveDate(), "Details changed from " + changed.effectiveDate());
        } else if (event instanceof StudentRecordCorrected corrected) {
            upsertStudent(tx, envelope, corrected.registration(), corrected.effectiveDate(), true);
            timeline(timeline, envelope, corrected.effectiveDate(), "Record from " + corrected.effectiveDate() + " corrected: " + corrected.reason());
        } else if (event instanceof StudentEnrolledInPathway enrolled) {
            enrol(tx, envelope, enrolled);
            timeline(timeline, envelope, enrolled.entryDate(), "Entered pathway " + enrolled.pathwayId() + " (version " + enrolled.pathwayVersion()
                    + ") at school " + enrolled.schoolId());
        } else if (event instanceof StudentExitedPathway exited) {
            tx.add("update pathway_enrollment set status = 'EXITED', exit_date = ?, exit_reason = ? "
                            + "where district_id = ? and student_id = ? and pathway_id = ?",
                    exited.exitDate(), exited.exitReason().name(), envelope.districtId(), envelope.studentId(), exited.pathwayId().value());
            timeline(timeline, envelope, exited.exitDate(), "Left pathway " + exited.pathwayId() + " (" + exited.exitReason() + ")");
        } else if (event instanceof PathwayStatusReached reached) {
            String column = switch (reached.status()) {
                case PARTICIPANT -> "participant_on";
                case CONCENTRATOR -> "concentrator_on";
                case COMPLETER -> "completer_on";
            };
            tx.add("update pathway_enrollment set " + column + " = ? where district_id = ? and student_id = ? and pathway_id = ?",
                    reached.reachedOn(), envelope.districtId(), envelope.studentId(), reached.pathwayId().value());
            timeline(timeline, envelope, reached.reachedOn(), "Became a " + reached.status().name().toLowerCase() + " of pathway " + reached.pathwayId()
                    + (reached.derived() ? " (derived by the " + reached.rule() + " rule)" : " (reported by the district under " + reached.rule() + ")"));
        } else if (event instanceof CourseCompleted course) {
            timeline(timeline, envelope, course.schoolYear().lastDay(), "Completed course " + course.courseId()
                    + (course.courseTitle() == null ? "" : " " + course.courseTitle()) + " in " + course.schoolYear() + " " + course.term()
                    + (course.mark() == null ? "" : ", mark " + course.mark().value())
                    + (course.pathwayId() == null ? "" : ", pathway " + course.pathwayId()));
        } else if (event instanceof CollegeCreditEarned credit) {
            timeline(timeline, envelope, credit.schoolYear().lastDay(), "Earned " + credit.credits().toPlainString() + " " + credit.creditType()
                    + " college credits for " + credit.collegeCourseId() + " at " + credit.collegeId() + " in " + credit.schoolYear() + " " + credit.term()
                    + (credit.transferable() ? " (transferable)" : ""));
        } else if (event instanceof WorkBasedLearningLogged wbl) {
            timeline(timeline, envelope, wbl.startDate(), wbl.activityType() + " (" + wbl.continuumStage() + ")"
                    + (wbl.employerName() == null ? "" : " with " + wbl.employerName())
                    + (wbl.hours() == null ? "" : ", " + wbl.hours().toPlainString() + " hours"));
        } else if (event instanceof IndustryCredentialEarned credential) {
            timeline(timeline, envelope, credential.earnedDate(), "Earned credential " + credential.credentialId()
                    + (credential.credentialName() == null ? "" : " " + credential.credentialName()));
        } else if (event instanceof HighSchoolCompleted completed) {
            timeline(timeline, envelope, completed.completedOn(), "Completed high school: " + completed.completion()
                    + (completed.detail() == null ? "" : " (" + completed.detail() + ")"));
        } else if (event instanceof PostsecondaryEnrolled enrolled) {
            timeline(timeline, envelope, enrolled.enrolledOn(), "Enrolled in postsecondary education"
                    + (enrolled.institutionId() == null ? "" : " at " + enrolled.institutionId()));
        } else if (event instanceof PostsecondaryCredentialEarned credential) {
            timeline(timeline, envelope, credential.earnedOn(), "Earned a postsecondary credential"
                    + (credential.detail() == null ? "" : ": " + credential.detail()));
        } else if (event instanceof QuarterlyWageRecorded wage) {
            timeline(timeline, envelope, wage.yearQuarter().firstDay(), "Employed in " + wage.yearQuarter() + ", quarterly wage " + wage.quarterlyWage().toPlainString());
        } else if (event instanceof StudentFactRetracted retracted) {
            retract(tx, timeline, envelope, retracted);
            timeline(timeline, envelope, null, "Withdrew fact #" + retracted.retractedSequence() + " (" + retracted.retractedEventType() + "): " + retracted.reason());
        }
    }

    private void enrol(StatementBatch tx, EventEnvelope envelope, StudentEnrolledInPathway enrolled) throws SQLException {
        tx.addUpsert("""
                        insert into pathway_enrollment (district_id, student_id, pathway_id, school_id, entry_date, status, pathway_version, entry_sequence)
                        values (?, ?, ?, ?, ?, 'ENROLLED', ?, ?)
                        on conflict (district_id, student_id, pathway_id)
                        do update set school_id = excluded.school_id, entry_date = excluded.entry_date, status = 'ENROLLED',
                                      pathway_version = excluded.pathway_version, entry_sequence = excluded.entry_sequence,
                                      exit_date = null, exit_reason = null""",
                List.of(envelope.districtId(), envelope.studentId(), enrolled.pathwayId().value()),
                envelope.districtId(), envelope.studentId(), enrolled.pathwayId().value(), enrolled.schoolId().value(),
                enrolled.entryDate(), enrolled.pathwayVersion(), envelope.sequence());
    }

    private void retract(StatementBatch tx, StatementBatch timeline, EventEnvelope envelope, StudentFactRetracted retracted) throws SQLException {
        // On the timeline's stream: after the retracted fact's own timeline row, whatever batch it came in.
        timeline.add("update journey_event set retracted = true, retraction_reason = ? where district_id = ? and student_id = ? and sequence = ?",
                retracted.reason(), envelope.districtId(), envelope.studentId(), retracted.retractedSequence());
        tx.add("delete from pathway_enrollment where district_id = ? and student_id = ? and entry_sequence = ?",
                envelope.districtId(), envelope.studentId(), retracted.retractedSequence());
    }

    private void upsertStudent(StatementBatch tx, EventEnvelope envelope, StudentRegistration registration, LocalDate effectiveDate,
                               boolean correction) throws SQLException {
        // A change back-dated before the one shown does not replace the current record; a correction of the shown
        // period (same date) does.
        tx.addUpsert("""
                        insert into student (district_id, student_id, state_student_id, birth_date, school_id, grade_level, cohort_year,
                                             demographics, effective_date, registered_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                        on conflict (district_id, student_id) do update set
                            state_student_id = excluded.state_student_id, birth_date = excluded.birth_date,
                            school_id = excluded.school_id, grade_level = excluded.grade_level, cohort_year = excluded.cohort_year,
                            demographics = excluded.demographics, effective_date = excluded.effective_date, updated_at = excluded.updated_at
                        where student.effective_date <= excluded.effective_date""",
                List.of(envelope.districtId(), envelope.studentId()),
                envelope.districtId(), envelope.studentId(), registration.stateStudentId(), registration.birthDate(),
                registration.schoolId().value(), registration.gradeLevel().code(), registration.cohortYear(),
                write(registration.demographics()), effectiveDate, envelope.occurredAt(),
                envelope.occurredAt());
    }

    private void timeline(StatementBatch timeline, EventEnvelope envelope, LocalDate eventDate, String summary) throws SQLException {
        timeline.add("""
                        insert into journey_event (district_id, student_id, sequence, event_id, event_type, event_date, occurred_at, summary, detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (district_id, student_id, sequence) do nothing""",
                envelope.districtId(), envelope.studentId(), envelope.sequence(), envelope.eventId(), envelope.eventType(),
                eventDate, envelope.occurredAt(), summary,
                envelope.payloadJson());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
