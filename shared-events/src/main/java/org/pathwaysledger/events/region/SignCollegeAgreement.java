package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Record a signed district-college agreement covering college courses and dates. */
public record SignCollegeAgreement(
        RegionId regionId,
        AgreementId agreementId,
        AgreementKind kind,
        DistrictId districtId,
        CollegeId collegeId,
        List<String> collegeCourseIds,
        List<CourseId> highSchoolCourseIds,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        EventSource source) {

    public SignCollegeAgreement {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("agreement_id", agreementId);
        Checks.required("kind", kind);
        Checks.required("district_id", districtId);
        Checks.required("college_id", collegeId);
        Checks.required("effective_from", effectiveFrom);
        Checks.required("effective_to", effectiveTo);
        if (collegeCourseIds == null || collegeCourseIds.isEmpty()) {
            throw new InvalidValueException("college_course_ids", null, "must name at least one college course the agreement covers");
        }
        if (effectiveTo.isBefore(effectiveFrom)) {
            throw new InvalidValueException("effective_to", effectiveTo.toString(), "is before effective_from " + effectiveFrom);
        }
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + agreementId.value();
    }
}
