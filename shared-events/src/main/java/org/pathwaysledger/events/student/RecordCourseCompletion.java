package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;
import java.util.Objects;

/** Record a completed course (one course, one term). */
public record RecordCourseCompletion(
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
        EventSource source) {

    public RecordCourseCompletion {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("course_id", courseId);
        Checks.required("school_year", schoolYear);
        Checks.required("term", term);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
