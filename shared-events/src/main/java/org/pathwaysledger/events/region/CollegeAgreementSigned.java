package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.List;

/** A district and a college signed a dual-enrollment (MOU) or articulation agreement covering courses and dates. */
@Revision("1")
public record CollegeAgreementSigned(
        RegionId regionId,
        AgreementId agreementId,
        AgreementKind kind,
        DistrictId districtId,
        CollegeId collegeId,
        List<String> collegeCourseIds,
        List<CourseId> highSchoolCourseIds,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        EventSource source) implements RegionEvent {
}
