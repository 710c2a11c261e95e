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
                          List<JourneyStep> timeline, List<PersonLink> personLinks) {
    }

    /** The region-level person this record is linked to, and the evidence. */
    public record PersonLink(String regionId, String personId, String evidence) {
    }

    public record CurrentRecord(String stateStudentId, LocalDate birthDate, String schoolId, String gradeLevel,
                                Integer cohortYear, JsonNode demographics, LocalDate effectiveDate) {
    }

    public record PathwayEnrollment(String pathwayId, int pathwayVersion, String schoolId, LocalDate entryDate, String status,
                                    LocalDate exitDate, String exitReason, LocalDate participantOn, LocalDate concentratorOn,
                                    LocalDate completerOn) {
    }

    public record JourneyStep(long sequence, String type, LocalDate date, String summary, Instant recordedAt, boolean withdrawn,
                              String withdrawalReason, JsonNode detail) {
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
                        select pathway_id, pathway_version, school_id, entry_date, status, exit_date, exit_reason,
                               participant_on, concentrator_on, completer_on
                        from pathway_enrollment where district_id = ? and student_id = ? order by entry_date, pathway_id""")
                .params(district, id)
                .query((row, n) -> new PathwayEnrollment(row.getString(1), row.getInt(2), row.getString(3), row.getObject(4, LocalDate.class),
                        row.getString(5), row.getObject(6, LocalDate.class), row.getString(7), row.getObject(8, LocalDate.class),
                        row.getObject(9, LocalDate.class), row.getObject(10, LocalDate.class)))
                .list();
        List<JourneyStep> timeline = jdbc.sql("""
                        select sequence, event_type, event_date, summary, occurred_at, retracted, retraction_reason, detail::text
                        from journey_event where district_id = ? and student_id = ? order by sequence""")
                .params(district, id)
                .query((row, n) -> new JourneyStep(row.getLong(1), row.getString(2), row.getObject(3, LocalDate.class),
                        row.getString(4), row.getTimestamp(5).toInstant(), row.getBoolean(6), row.getString(7), readTree(row.getString(8))))
                .list();
        List<PersonLink> links = jdbc.sql("""
                        select region_id, person_id, evidence from person_link
                        where district_id = ? and student_id = ? and linked order by region_id, person_id""")
                .params(district, id)
                .query((row, n) -> new PersonLink(row.getString(1), row.getString(2), row.getString(3)))
                .list();
        return Optional.of(new Journey(district, id, current.get(), pathways, timeline, links));
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Stored demographics are not JSON", e);
        }
    }
}
