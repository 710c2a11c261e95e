package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Undo a wrong link between a student record and a person. */
public record UnlinkStudentRecord(
        RegionId regionId,
        PersonId personId,
        DistrictId districtId,
        StudentId studentId,
        String reason,
        EventSource source) {

    public UnlinkStudentRecord {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("person_id", personId);
        Checks.required("district_id", districtId);
        Checks.required("student_id", studentId);
        Checks.reason(reason);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + personId.value();
    }
}
