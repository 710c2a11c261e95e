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

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
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
        if (event instanceof StudentRegistered registered) {
            demographics(tx, envelope, registered.registration(), registered.effectiveDate());
        } else if (event instanceof StudentDetailsChanged changed) {
            demographics(tx, envelope, changed.registration(), changed.effectiveDate());
        } else if (event instanceof StudentRecordCorrected corrected) {
            // Same effective date, higher sequence: the as-of lookup prefers it to the record it corrects.
            demographics(tx, envelope, corrected.registration(), corrected.effectiveDate());
        } else if (event instanceof StudentFactRetracted retracted) {
            try (PreparedStatement withdraw = tx.prepareStatement(
                    "update pathway_entrant set withdrawn_at = ? where district_id = ? and student_id = ? and entry_sequence = ?")) {
                withdraw.setTimestamp(1, java.sql.Timestamp.from(envelope.occurredAt()));
                withdraw.setString(2, envelope.districtId());
                withdraw.setString(3, envelope.studentId());
                withdraw.setLong(4, retracted.retractedSequence());
                withdraw.executeUpdate();
            }
        } else if (event instanceof StudentEnrolledInPathway enrolled) {
            try (PreparedStatement upsert = tx.prepareStatement("""
                    insert into pathway_entrant (district_id, student_id, pathway_id, school_id, entry_date, entry_sequence, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (district_id, student_id, pathway_id) do update
                        set entry_date = least(pathway_entrant.entry_date, excluded.entry_date),
                            school_id = case when excluded.entry_date < pathway_entrant.entry_date
                                             then excluded.school_id else pathway_entrant.school_id end,
                            entry_sequence = case when excluded.entry_date < pathway_entrant.entry_date
                                             then excluded.entry_sequence else pathway_entrant.entry_sequence end,
                            withdrawn_at = null""")) {
                upsert.setString(1, enrolled.districtId().value());
                upsert.setString(2, enrolled.studentId().value());
                upsert.setString(3, enrolled.pathwayId().value());
                upsert.setString(4, enrolled.schoolId().value());
                upsert.setDate(5, Date.valueOf(enrolled.entryDate()));
                upsert.setLong(6, envelope.sequence());
                upsert.setTimestamp(7, java.sql.Timestamp.from(envelope.occurredAt()));
                upsert.executeUpdate();
            }
        }
    }

    private void demographics(Connection tx, EventEnvelope envelope, StudentRegistration registration, LocalDate effectiveDate) throws SQLException {
        Demographics who = registration.demographics();
        try (PreparedStatement insert = tx.prepareStatement("""
                insert into student_demographics (district_id, student_id, sequence, effective_date, school_id, grade_level,
                    cohort_year, race_ethnicity, sex, english_learner, disability, economically_disadvantaged, foster,
                    homeless, migrant, military_connected, single_parent, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (district_id, student_id, sequence) do nothing""")) {
            insert.setString(1, envelope.districtId());
            insert.setString(2, envelope.studentId());
            insert.setLong(3, envelope.sequence());
            insert.setDate(4, Date.valueOf(effectiveDate));
            insert.setString(5, registration.schoolId().value());
            insert.setString(6, registration.gradeLevel().code());
            insert.setObject(7, registration.cohortYear());
            insert.setString(8, who.raceEthnicity(menaReportedSeparately).name());
            insert.setString(9, who.sex().code());
            insert.setBoolean(10, who.englishLearner());
            insert.setBoolean(11, who.disability());
            insert.setBoolean(12, who.economicallyDisadvantaged());
            insert.setBoolean(13, who.foster());
            insert.setBoolean(14, who.homeless());
            insert.setBoolean(15, who.migrant());
            insert.setBoolean(16, who.militaryConnected());
            insert.setBoolean(17, who.singleParent());
            insert.setTimestamp(18, java.sql.Timestamp.from(envelope.occurredAt()));
            insert.executeUpdate();
        }
    }
}
