package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;

/** A student earned dual-enrollment, concurrent or articulated college credit, under the named agreement. */
@Revision("1")
public record CollegeCreditEarned(
        DistrictId districtId,
        StudentId studentId,
        CollegeCreditType creditType,
        CollegeId collegeId,
        String collegeCourseId,
        BigDecimal credits,
        SchoolYear schoolYear,
        String term,
        boolean transferable,
        AgreementId agreementId,
        CourseId highSchoolCourseId,
        EventSource source) implements StudentEvent {
}
