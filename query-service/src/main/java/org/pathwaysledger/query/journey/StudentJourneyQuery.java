package org.pathwaysledger.query.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.value.StudentKey;
import org.pathwaysledger.events.wire.PublishedJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Fetches one student's journey so far, for the student's own district. */
@Component
public class StudentJourneyQuery {

    private final JdbcClient jdbc;
    private final ObjectMapper json = PublishedJson.mapper();

    public StudentJourneyQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Journey(String districtId, String studentId, CurrentRecord current, List<PathwayEnrollment> pathways,
                          List<JourneyStep> timeline) {
    }

    public record CurrentRecord(String stateStudentId, LocalDate birthDate, String schoolId, String gradeLevel,
                                Integer cohortYear, JsonNode demographics, LocalDate effectiveDate) {
    }

    public record PathwayEnrollment(String pathwayId, String schoolId, LocalDate entryDate, String status) {
    }

    public record JourneyStep(long sequence, String type, LocalDate date, String summary, Instant recordedAt) {
    }

    public Optional<Journey> fetch(StudentKey student) {
        String district = student.districtId().value();
        String id = student.studentId().value();
        Optional<CurrentRecord> current = jdbc.sql("""
                        select state_student_id, birth_date, school_id, grade_level, cohort_year, demographics::text, effective_date
                        from student where district_id = ? and student_id = ?""")
                .params(district, id)
                .query((row, n) -> new CurrentRecord(row.getString(1), row.getObject(2, LocalDate.class), row.getString(3),
                        row.getString(4), (Integer) row.getObject(5), readTree(row.getString(6)), row.getObject(7, LocalDate.class)))
                .optional();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        List<PathwayEnrollment> pathways = jdbc.sql("""
                        select pathway_id, school_id, entry_date, status from pathway_enrollment
                        where district_id = ? and student_id = ? order by entry_date, pathway_id""")
                .params(district, id)
                .query((row, n) -> new PathwayEnrollment(row.getString(1), row.getString(2), row.getObject(3, LocalDate.class), row.getString(4)))
                .list();
        List<JourneyStep> timeline = jdbc.sql("""
                        select sequence, event_type, event_date, summary, occurred_at from journey_event
                        where district_id = ? and student_id = ? order by sequence""")
                .params(district, id)
                .query((row, n) -> new JourneyStep(row.getLong(1), row.getString(2), row.getObject(3, LocalDate.class),
                        row.getString(4), row.getTimestamp(5).toInstant()))
                .list();
        return Optional.of(new Journey(district, id, current.get(), pathways, timeline));
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Stored demographics are not JSON", e);
        }
    }
}
