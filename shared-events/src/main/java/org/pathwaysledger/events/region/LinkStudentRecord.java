package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Link a district student record to a region-level person. */
public record LinkStudentRecord(
        RegionId regionId,
        PersonId personId,
        DistrictId districtId,
        StudentId studentId,
        MatchEvidence evidence,
        EventSource source) {

    public LinkStudentRecord {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("person_id", personId);
        Checks.required("district_id", districtId);
        Checks.required("student_id", studentId);
        Checks.required("evidence", evidence);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + personId.value();
    }
}
