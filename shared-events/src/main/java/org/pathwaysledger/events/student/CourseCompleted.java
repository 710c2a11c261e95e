package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;

/** A student completed a course in a term; sent again with other values it revises that course's record. */
@Revision("1")
public record CourseCompleted(
        DistrictId districtId,
        StudentId studentId,
        CourseId courseId,
        String courseTitle,
        SchoolYear schoolYear,
        String term,
        GradeLevel gradeLevel,
        PathwayId pathwayId,
        CourseRole courseRole,
        boolean cte,
        BigDecimal creditsAttempted,
        BigDecimal creditsEarned,
        BigDecimal hours,
        Mark mark,
        EventSource source) implements StudentEvent {
}
