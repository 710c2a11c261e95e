package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.StatementBatch;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** Keeps what each student reached after entry: statuses, college credit, WBL, credentials, high-school completion. */
public class OutcomeProjection implements EventProjection {

    private static final List<String> FACT_TABLES = List.of("pathway_status", "college_credit", "wbl_placement",
            "industry_credential", "high_school_completion", "postsecondary_enrollment", "postsecondary_credential", "wage_record");

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        try (StatementBatch batch = new StatementBatch(tx)) {
            apply(batch, envelope, event);
        }
    }

    /** Adds the event's statements to {@code batch} (sent in order, in JDBC batches). */
    public void apply(StatementBatch tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        String district = envelope.districtId();
        String student = envelope.studentId();
        long sequence = envelope.sequence();
        Timestamp recordedAt = Timestamp.from(envelope.occurredAt());
        if (event instanceof PathwayStatusReached reached) {
            tx.addUpsert("insert into pathway_status (district_id, student_id, pathway_id, status, reached_on, sequence, recorded_at) values (?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (district_id, student_id, pathway_id, status) "
                            + "do update set reached_on = least(pathway_status.reached_on, excluded.reached_on), withdrawn_at = null",
                    List.of(district, student, reached.pathwayId().value(), reached.status().name()),
                    district, student, reached.pathwayId().value(), reached.status().name(), Date.valueOf(reached.reachedOn()), sequence, recordedAt);
        } else if (event instanceof CollegeCreditEarned credit) {
            String key = credit.collegeId() + "/" + credit.collegeCourseId() + "/" + credit.schoolYear() + "/" + credit.term();
            tx.addUpsert("insert into college_credit (district_id, student_id, credit_key, credits, year_end, transferable, sequence, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (district_id, student_id, credit_key) "
                            + "do update set credits = excluded.credits, year_end = excluded.year_end, transferable = excluded.transferable, sequence = excluded.sequence, withdrawn_at = null",
                    List.of(district, student, key),
                    district, student, key, credit.credits(), Date.valueOf(credit.schoolYear().lastDay()), credit.transferable(), sequence, recordedAt);
        } else if (event instanceof WorkBasedLearningLogged wbl) {
            tx.addUpsert("insert into wbl_placement (district_id, student_id, placement_id, continuum_stage, start_date, sequence, recorded_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (district_id, student_id, placement_id) "
                            + "do update set continuum_stage = excluded.continuum_stage, start_date = excluded.start_date, sequence = excluded.sequence, withdrawn_at = null",
                    List.of(district, student, wbl.placementId().value()),
                    district, student, wbl.placementId().value(), wbl.continuumStage().name(), Date.valueOf(wbl.startDate()), sequence, recordedAt);
        } else if (event instanceof IndustryCredentialEarned credential) {
            tx.addUpsert("insert into industry_credential (district_id, student_id, credential_id, earned_date, sequence, recorded_at) values (?, ?, ?, ?, ?, ?) on conflict (district_id, student_id, credential_id) "
                            + "do update set earned_date = excluded.earned_date, sequence = excluded.sequence, withdrawn_at = null",
                    List.of(district, student, credential.credentialId().value()),
                    district, student, credential.credentialId().value(), Date.valueOf(credential.earnedDate()), sequence, recordedAt);
        } else if (event instanceof HighSchoolCompleted completed) {
            tx.addUpsert("insert into high_school_completion (district_id, student_id, completion, completed_on, sequence, recorded_at) values (?, ?, ?, ?, ?, ?) on conflict (district_id, student_id, completion) "
                            + "do update set completed_on = excluded.completed_on, sequence = excluded.sequence, withdrawn_at = null",
                    List.of(district, student, completed.completion().name()),
                    district, student, completed.completion().name(), Date.valueOf(completed.completedOn()), sequence, recordedAt);
        } else if (event instanceof PostsecondaryEnrolled enrolled) {
            tx.add("insert into postsecondary_enrollment (district_id, student_id, enrolled_on, institution, sequence, recorded_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                    district, student, Date.valueOf(enrolled.enrolledOn()), enrolled.institutionId(), sequence, recordedAt);
        } else if (event instanceof PostsecondaryCredentialEarned credential) {
            tx.add("insert into postsecondary_credential (district_id, student_id, earned_on, sequence, recorded_at) values (?, ?, ?, ?, ?) on conflict do nothing",
                    district, student, Date.valueOf(credential.earnedOn()), sequence, recordedAt);
        } else if (event instanceof QuarterlyWageRecorded wage) {
            tx.add("insert into wage_record (district_id, student_id, year_quarter, quarterly_wage, sequence, recorded_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                    district, student, wage.yearQuarter().toString(), wage.quarterlyWage(), sequence, recordedAt);
        } else if (event instanceof StudentFactRetracted retracted) {
            for (String table : FACT_TABLES) {
                tx.add("update " + table + " set withdrawn_at = ? where district_id = ? and student_id = ? and sequence = ?",
                        recordedAt, district, student, retracted.retractedSequence());
            }
        }
    }

}
