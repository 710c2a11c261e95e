package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;
import java.util.Objects;

/** Award college credit to a high-school student; refused without an agreement that covers it. */
public record AwardCollegeCredit(
        DistrictId districtId,
        StudentId studentId,
        CollegeCreditType creditType,
        CollegeId collegeId,
        String collegeCourseId,
        BigDecimal credits,
        SchoolYear schoolYear,
        String term,
        boolean transferable,
        CourseId highSchoolCourseId,
        EventSource source) {

    public AwardCollegeCredit {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("college_credit_type", creditType);
        if (creditType == CollegeCreditType.NONE) {
            throw new InvalidValueException("college_credit_type", "NONE", "awards no credit; use DUAL, CONCURRENT or ARTICULATED");
        }
        Checks.required("college_id", collegeId);
        Checks.required("college_course_id", collegeCourseId);
        Checks.required("school_year", schoolYear);
        Checks.required("term", term);
        Checks.required("college_credits", credits);
        if (credits.signum() <= 0 || credits.compareTo(Checks.MAX_CREDITS_PER_COURSE) > 0) {
            throw new InvalidValueException("college_credits", credits.toPlainString(),
                    "is not a plausible number of credits for one course; use more than 0 and at most " + Checks.MAX_CREDITS_PER_COURSE);
        }
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
