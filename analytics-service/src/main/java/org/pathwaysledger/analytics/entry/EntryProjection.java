package org.pathwaysledger.analytics.entry;

import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.StatementBatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/** Keeps demographics history (with derived reporting groups) and pathway entrants. Keyed upserts only. */
public class EntryProjection implements EventProjection {

    private final boolean menaReportedSeparately;

    public EntryProjection(boolean menaReportedSeparately) {
        this.menaReportedSeparately = menaReportedSeparately;
    }

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        try (StatementBatch batch = new StatementBatch(tx)) {
            apply(batch, envelope, event);
        }
    }

    /** Adds the event's statements to {@code batch} (sent in order, in JDBC batches). */
    public void apply(StatementBatch batch, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        if (event instanceof StudentRegistered registered) {
            demographics(batch, envelope, registered.registration(), registered.effectiveDate());
        } else if (event instanceof StudentDetailsChanged changed) {
            demographics(batch, envelope, changed.registration(), changed.effectiveDate());
        } else if (event instanceof StudentRecordCorrected corrected) {
            // Same effective date, higher sequence: the as-of lookup prefers it to the record it corrects.
            demographics(batch, envelope, corrected.registration(), corrected.effectiveDate());
        } else if (event instanceof StudentFactRetracted retracted) {
            batch.add("update pathway_entrant set withdrawn_at = ? where district_id = ? and student_id = ? and entry_sequence = ?",
                    envelope.occurredAt(), envelope.districtId(), envelope.studentId(), retracted.retractedSequence());
        } else if (event instanceof StudentEnrolledInPathway enrolled) {
            batch.addUpsert("""
                    insert into pathway_entrant (district_id, student_id, pathway_id, school_id, entry_date, entry_sequence, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (district_id, student_id, pathway_id) do update
                        set entry_date = least(pathway_entrant.entry_date, excluded.entry_date),
                            school_id = case when excluded.entry_date < pathway_entrant.entry_date
                                             then excluded.school_id else pathway_entrant.school_id end,
                            entry_sequence = case when excluded.entry_date < pathway_entrant.entry_date
                                             then excluded.entry_sequence else pathway_entrant.entry_sequence end,
                            withdrawn_at = null""",
                    java.util.List.of(enrolled.districtId().value(), enrolled.studentId().value(), enrolled.pathwayId().value()),
                    enrolled.districtId().value(), enrolled.studentId().value(), enrolled.pathwayId().value(),
                    enrolled.schoolId().value(), enrolled.entryDate(), envelope.sequence(),
                    envelope.occurredAt());
        }
    }

    private void demographics(StatementBatch batch, EventEnvelope envelope, StudentRegistration registration, LocalDate effectiveDate) throws SQLException {
        Demographics who = registration.demographics();
        batch.add("""
                insert into student_demographics (district_id, student_id, sequence, effective_date, school_id, grade_level,
                    cohort_year, race_ethnicity, sex, english_learner, disability, economically_disadvantaged, foster,
                    homeless, migrant, military_connected, single_parent, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (district_id, student_id, sequence) do nothing""",
                envelope.districtId(), envelope.studentId(), envelope.sequence(), effectiveDate,
                registration.schoolId().value(), registration.gradeLevel().code(), registration.cohortYear(),
                who.raceEthnicity(menaReportedSeparately).name(), who.sex().code(), who.englishLearner(), who.disability(),
                who.economicallyDisadvantaged(), who.foster(), who.homeless(), who.migrant(), who.militaryConnected(),
                who.singleParent(), envelope.occurredAt());
    }
}
