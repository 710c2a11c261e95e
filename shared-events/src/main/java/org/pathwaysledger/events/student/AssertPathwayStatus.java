package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** The district asserts a student reached a pathway status under the rule it applied. */
public record AssertPathwayStatus(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        PathwayStatus status,
        LocalDate reachedOn,
        CompletionRule rule,
        EventSource source) {

    public AssertPathwayStatus {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("pathway_id", pathwayId);
        Checks.required("status", status);
        Checks.required("reached_on", reachedOn);
        Checks.required("rule", rule);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
