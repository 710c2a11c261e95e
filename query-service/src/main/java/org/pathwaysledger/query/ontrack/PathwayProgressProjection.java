package org.pathwaysledger.query.ontrack;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.Statements;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the facts that say whether a pathway student is on track: courses passed (with their pathway and role),
 * work-based learning placements and college credits. Keyed by each fact's natural key, so a repeated or revised fact
 * replaces its row and a replay rebuilds the same view; a withdrawn fact is deleted by its sequence.
 */
public class PathwayProgressProjection implements EventProjection {

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        if (event instanceof CourseCompleted course) {
            boolean passed = course.mark() == null || course.mark().isPassing();
            upsert(tx, envelope, "COURSE", course.courseId().value() + "|" + course.schoolYear() + "|" + course.term(),
                    course.pathwayId() == null ? null : course.pathwayId().value(),
                    course.courseRole() == null ? null : course.courseRole().name(), passed, null);
        } else if (event instanceof WorkBasedLearningLogged wbl) {
            upsert(tx, envelope, "WBL", wbl.placementId().value(), null, null, true, null);
        } else if (event instanceof CollegeCreditEarned credit) {
            upsert(tx, envelope, "COLLEGE_CREDIT", credit.collegeId().value() + "|" + credit.collegeCourseId() + "|" + credit.schoolYear() + "|" + credit.term(),
                    null, null, true, credit.credits());
        } else if (event instanceof StudentFactRetracted retracted) {
            Statements.execute(tx, "delete from progress_fact where district_id = ? and student_id = ? and sequence = ?",
                    envelope.districtId(), envelope.studentId(), retracted.retractedSequence());
        }
    }

    private static void upsert(Connection tx, EventEnvelope envelope, String kind, String factKey, String pathwayId, String courseRole,
                               boolean passed, BigDecimal credits) throws SQLException {
        Statements.execute(tx, """
                        insert into progress_fact (district_id, student_id, kind, fact_key, sequence, pathway_id, course_role, passed, credits)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (district_id, student_id, kind, fact_key) do update set
                            sequence = excluded.sequence, pathway_id = excluded.pathway_id, course_role = excluded.course_role,
                            passed = excluded.passed, credits = excluded.credits
                        where progress_fact.sequence < excluded.sequence""",
                envelope.districtId(), envelope.studentId(), kind, factKey, envelope.sequence(), pathwayId, courseRole, passed, credits);
    }
}
